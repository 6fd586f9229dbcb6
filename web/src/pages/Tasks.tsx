import { useState } from "react";
import { Link } from "react-router";
import { api } from "../api.ts";
import { Loaded, PageTitle, useLoad } from "../components/common.tsx";
import { type Evaluation, loadBodies, loadFramework, type Task } from "../components/WorkApi.ts";
import { WorkAssignForm } from "../components/WorkAssign.tsx";
import { useI18n, useName } from "../i18n.tsx";
import { useSession } from "../session.tsx";

/** One evaluation's tasks: body, indicator, state, with a link to the scoring screen. */
function TaskGroup({ code, tasks, showExpert }: { code: string; tasks: Task[]; showExpert: boolean }) {
  const { t } = useI18n();
  const name = useName();
  const meta = useLoad(async () => {
    const [fw, bodies] = await Promise.all([loadFramework(code), loadBodies(code).catch(() => [])]);
    return { fw, bodies };
  }, [code]);
  const nodeName = (c: string) => {
    const n = meta.data?.fw.nodes.find((x) => x.code === c);
    return n ? name(n.name) : c;
  };
  const bodyName = (id: string) => meta.data?.bodies.find((b) => b.bodyId === id)?.name ?? id;
  const pending = tasks.filter((x) => !x.level).length;
  const hid = `tasks-${code}`;
  return (
    <section aria-labelledby={hid}>
      <h2 id={hid}>
        {t("评估", "Evaluation")} {code}
        <span className="muted work-h-note">
          {" "}
          {t(
            `（共 ${tasks.length} 项，待评分 ${pending} 项）`,
            `(${tasks.length} tasks, ${pending} pending)`,
          )}
        </span>
      </h2>
      <table>
        <caption className="visually-hidden">
          {t(`评估 ${code} 的评分任务`, `Scoring tasks of evaluation ${code}`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("任务", "Task")}</th>
            <th scope="col">{t("被评估单位", "Body")}</th>
            <th scope="col">{t("指标", "Indicator")}</th>
            {showExpert && <th scope="col">{t("专家", "Expert")}</th>}
            <th scope="col">{t("状态", "State")}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id}>
              <th scope="row">
                <Link to={`/tasks/${task.id}`}>
                  {task.level ? t("查看", "View") : t("去评分", "Score")}
                  <span className="visually-hidden">
                    {" "}
                    #{task.id} {bodyName(task.bodyId)} · {nodeName(task.indicator)}
                  </span>
                </Link>
              </th>
              <td>{bodyName(task.bodyId)}</td>
              <td>
                {nodeName(task.indicator)} <span className="muted">({task.indicator})</span>
              </td>
              {showExpert && <td>{task.expert}</td>}
              <td>
                {task.level ? (
                  <span className="work-badge work-badge-ok">
                    {t("已评分", "Scored")} {task.level}
                  </span>
                ) : (
                  <span className="work-badge work-badge-pending">{t("待评分", "Pending")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function Tasks() {
  const { t } = useI18n();
  const { isStaff } = useSession();
  const [version, setVersion] = useState(0);
  const tasks = useLoad(() => api.get<Task[]>("/tasks"), [version]);
  const evaluations = useLoad(
    () => (isStaff ? api.get<Evaluation[]>("/evaluations") : Promise.resolve([] as Evaluation[])),
    [isStaff],
  );
  const title = isStaff ? t("评分任务", "Scoring tasks") : t("我的评分任务", "My scoring tasks");
  return (
    <section className="work-scope">
      <PageTitle title={title}>{title}</PageTitle>
      <Loaded state={tasks}>
        {(list) => {
          const codes = [...new Set(list.map((x) => x.evaluation))];
          return (
            <>
              {list.length === 0 && (
                <p>{t("目前没有评分任务。", "There are no scoring tasks at the moment.")}</p>
              )}
              {codes.map((code) => (
                <TaskGroup
                  key={code}
                  code={code}
                  tasks={list.filter((x) => x.evaluation === code)}
                  showExpert={isStaff}
                />
              ))}
              {isStaff && (
                <WorkAssignForm
                  evaluations={evaluations.data ?? []}
                  experts={[...new Set(list.map((x) => x.expert))]}
                  onAssigned={() => setVersion((v) => v + 1)}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
