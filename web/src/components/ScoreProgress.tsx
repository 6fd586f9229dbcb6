import type { ReactNode } from "react";
import { useI18n } from "../i18n.tsx";
import { useDate } from "./ScoreCommon.tsx";
import type { Progress } from "./ScoreTypes.ts";

function Bar({ value, max, label }: { value: number; max: number | null; label: string }) {
  if (!max || max <= 0) return null;
  return <progress value={Math.min(value, max)} max={max} aria-label={label} />;
}

function Row({ stage, children, bar }: { stage: string; children: ReactNode; bar?: ReactNode }) {
  return (
    <tr>
      <th scope="row">{stage}</th>
      <td>{children}</td>
      <td>{bar}</td>
    </tr>
  );
}

/** Where each part of the evaluation stands: inspection, expert scoring, submissions, cases, appeals. */
export function ScoreProgress({ p }: { p: Progress }) {
  const { t } = useI18n();
  const date = useDate();
  const runState = (s: string) =>
    s === "running" ? t("进行中", "running") : s === "done" ? t("已完成", "done") : t("失败", "failed");
  const pct = (a: number, b: number | null) => (b ? `${Math.round((a / b) * 100)}%` : "");
  return (
    <div className="sc-table-scroll">
      <table data-testid="progress-table">
        <caption className="visually-hidden">{t("各环节进度", "Progress by stage")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("环节", "Stage")}</th>
            <th scope="col">{t("进度", "Progress")}</th>
            <th scope="col">{t("进度条", "Bar")}</th>
          </tr>
        </thead>
        <tbody>
          <Row
            stage={t("网站巡检", "Site inspection")}
            bar={
              <Bar value={p.inspected} max={p.websites} label={t("网站巡检进度", "Inspection progress")} />
            }
          >
            {t(
              `已巡检 ${p.inspected} / ${p.websites} 个网站（${p.bodies} 个单位）`,
              `${p.inspected} of ${p.websites} sites inspected (${p.bodies} bodies)`,
            )}
          </Row>
          {p.run && (
            <Row
              stage={t("本次巡检运行", "Current inspection run")}
              bar={<Bar value={p.run.done} max={p.run.total} label={t("巡检运行进度", "Run progress")} />}
            >
              <span data-testid="run-state">{runState(p.run.state)}</span>
              {"："}
              {p.run.total === null
                ? t(`已完成 ${p.run.done} 个`, `${p.run.done} done`)
                : t(
                    `${p.run.done} / ${p.run.total}（${pct(p.run.done, p.run.total)}）`,
                    `${p.run.done} of ${p.run.total} (${pct(p.run.done, p.run.total)})`,
                  )}
              {p.run.error && <div className="sc-error-text">{p.run.error}</div>}
            </Row>
          )}
          {p.queue && (
            <Row stage={t("任务队列", "Job queue")}>
              {t(
                `排队 ${p.queue.created}，执行中 ${p.queue.active}，完成 ${p.queue.completed}，失败 ${p.queue.failed}，重试 ${p.queue.retry}`,
                `queued ${p.queue.created}, active ${p.queue.active}, completed ${p.queue.completed}, failed ${p.queue.failed}, retrying ${p.queue.retry}`,
              )}
            </Row>
          )}
          <Row
            stage={t("专家评分", "Expert scoring")}
            bar={
              <Bar
                value={p.tasks.scored}
                max={p.tasks.total}
                label={t("专家评分进度", "Expert scoring progress")}
              />
            }
          >
            {t(
              `已评 ${p.tasks.scored} / ${p.tasks.total} 项任务；意见分歧 ${p.tasks.disagreements} 项`,
              `${p.tasks.scored} of ${p.tasks.total} tasks scored; ${p.tasks.disagreements} disagreements`,
            )}
          </Row>
          <Row
            stage={t("单位填报", "Submissions")}
            bar={
              p.submissions.asked !== false && (
                <Bar
                  value={p.submissions.submitted}
                  max={p.submissions.bodies}
                  label={t("单位填报进度", "Submission progress")}
                />
              )
            }
          >
            {t(
              `${p.submissions.submitted} / ${p.submissions.bodies} 个单位已填报`,
              `${p.submissions.submitted} of ${p.submissions.bodies} bodies submitted`,
            )}
            {p.submissions.asked === false && (
              <div className="muted">
                {t("本评估框架不要求单位填报数据。", "This framework asks bodies for no figures.")}
              </div>
            )}
          </Row>
          <Row stage={t("实践案例", "Practice cases")}>
            {t(
              `共 ${p.cases.total} 个，已评审 ${p.cases.reviewed} 个，入选 ${p.cases.selected} 个`,
              `${p.cases.total} cases, ${p.cases.reviewed} reviewed, ${p.cases.selected} selected`,
            )}
          </Row>
          <Row stage={t("复核申请", "Appeals")}>
            {t(
              `待裁定 ${p.appeals.open} 件，已裁定 ${p.appeals.decided} 件`,
              `${p.appeals.open} open, ${p.appeals.decided} decided`,
            )}
          </Row>
          <Row stage={t("计分", "Scoring")}>
            {p.scoreRuns === 0
              ? t("尚未计分", "not scored yet")
              : t(
                  `已计分 ${p.scoreRuns} 次，最近一次 ${date(p.lastScoredAt)}`,
                  `${p.scoreRuns} scoring runs, last at ${date(p.lastScoredAt)}`,
                )}
          </Row>
        </tbody>
      </table>
    </div>
  );
}
