import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { api, seg } from "../api.ts";
import { ChartTiers } from "../components/ChartTiers.tsx";
import { ErrorBox, Loaded, Loading, PageTitle, useLoad } from "../components/common.tsx";
import { bodyName, ExternalLink, isStatus, useFramework, useStatusName } from "../components/ScoreCommon.tsx";
import { ScoreLifecycle } from "../components/ScoreLifecycle.tsx";
import { ScoreProgress } from "../components/ScoreProgress.tsx";
import type { EvaluationSummary, Progress, Results, TargetBody } from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

/** Progress and lifecycle control (staff); polls every 2 s while an inspection runs. */
function StaffPanel({ code, onChanged }: { code: string; onChanged: () => void }) {
  const { t } = useI18n();
  const progress = useLoad(() => api.get<Progress>(`/evaluations/${seg(code)}/progress`), [code]);
  const { reload, loading } = progress;
  const running = progress.data?.run?.state === "running";
  useEffect(() => {
    if (!running || loading) return;
    const id = setTimeout(reload, 2000);
    return () => clearTimeout(id);
  }, [running, loading, reload]);
  const changed = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <>
      <section aria-labelledby="lifecycle-h">
        <h2 id="lifecycle-h">{t("阶段与操作", "Stage and actions")}</h2>
        {progress.data ? (
          <ScoreLifecycle
            code={code}
            status={progress.data.status}
            inspecting={running}
            onChanged={changed}
          />
        ) : (
          !progress.error && <Loading />
        )}
      </section>
      <section aria-labelledby="progress-h">
        <h2 id="progress-h">{t("进度", "Progress")}</h2>
        <Loaded state={progress}>{(p) => <ScoreProgress p={p} />}</Loaded>
      </section>
    </>
  );
}

/** The tier distribution of the latest scoring run, or a note that there is none yet. */
function Tiers({ code, version }: { code: string; version: number }) {
  const { t } = useI18n();
  const results = useLoad(() => api.get<Results>(`/evaluations/${seg(code)}/results`), [code, version]);
  const framework = useFramework(code);
  if (isStatus(results.error, 404)) return <p className="muted">{t("尚未计分。", "Not scored yet.")}</p>;
  return (
    <Loaded state={results}>
      {(r) => <ChartTiers bodies={r.bodies} tierOrder={framework.data?.tiers.map((x) => x.name)} />}
    </Loaded>
  );
}

function Bodies({ code, bodies }: { code: string; bodies: TargetBody[] }) {
  const { t } = useI18n();
  if (bodies.length === 0) return <p>{t("本评估没有单位。", "This evaluation has no bodies.")}</p>;
  return (
    <div className="sc-table-scroll">
      <table data-testid="body-list">
        <caption className="visually-hidden">{t("被评估单位", "Evaluated bodies")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("单位", "Body")}</th>
            <th scope="col">{t("类别", "Category")}</th>
            <th scope="col">{t("网站", "Websites")}</th>
          </tr>
        </thead>
        <tbody>
          {bodies.map((b) => (
            <tr key={`${b.bodyId}/${b.app?.id ?? ""}`}>
              <th scope="row">
                <Link to={`/evaluations/${seg(code)}/bodies/${seg(b.bodyId)}`}>
                  {b.app ? `${b.app.name}（${bodyName(b)}）` : bodyName(b)}
                </Link>
                <span className="sc-code"> {b.bodyId}</span>
              </th>
              <td>{b.categories.length ? b.categories.join("、") : "—"}</td>
              <td>
                {b.websites.length === 0 ? (
                  "—"
                ) : (
                  <ul className="sc-plain">
                    {b.websites.map((w) => (
                      <li key={w.id}>
                        <ExternalLink href={w.url} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Dashboard() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const { account, isStaff } = useSession();
  const statusName = useStatusName();
  const [version, setVersion] = useState(0);
  const ev = useLoad(
    () => api.get<EvaluationSummary>(`/evaluations/${seg(code)}`),
    [code, version, account?.id],
  );
  const bodies = useLoad(
    () => api.get<TargetBody[]>(`/evaluations/${seg(code)}/bodies`),
    [code, account?.id],
  );
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const title = ev.data
    ? `${ev.data.name} · ${t("工作台", "workspace")}`
    : t("评估工作台", "Evaluation workspace");

  // Who may not see the workspace sees the API's refusal (and, signed out, the way to sign in).
  const refusal = [bodies.error, ev.error].find((e) => isStatus(e, 401, 403, 404));
  if (account === undefined) return <Loading />;
  if (refusal)
    return (
      <section>
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorBox error={refusal} />
      </section>
    );
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      {ev.data && (
        <p className="muted" data-testid="evaluation-status">
          {t(
            `${ev.data.code} · 框架 ${ev.data.framework.id} v${ev.data.framework.version} · 数据截止 ${ev.data.asOf} · 阶段：${statusName(ev.data.status)}`,
            `${ev.data.code} · framework ${ev.data.framework.id} v${ev.data.framework.version} · as of ${ev.data.asOf} · stage: ${statusName(ev.data.status)}`,
          )}
        </p>
      )}
      <nav aria-label={t("本评估的页面", "Pages of this evaluation")}>
        <ul className="sc-inline-links">
          <li>
            <Link to={`/results/${seg(code)}`}>{t("结果", "Results")}</Link>
          </li>
          {isStaff && (
            <li>
              <Link to={`/evaluations/${seg(code)}/disagreements`}>
                {t("专家意见分歧", "Expert disagreements")}
              </Link>
            </li>
          )}
          <li>
            <Link to={`/evaluations/${seg(code)}/cases`}>{t("实践案例", "Practice cases")}</Link>
          </li>
          <li>
            <Link to={`/evaluations/${seg(code)}/appeals`}>{t("复核申请", "Appeals")}</Link>
          </li>
          {(isStaff || account?.role === "expert") && (
            <li>
              <Link to="/tasks">{t("评分任务", "Scoring tasks")}</Link>
            </li>
          )}
        </ul>
      </nav>
      {isStaff && <StaffPanel code={code} onChanged={changed} />}
      {isStaff && (
        <section aria-labelledby="tiers-h">
          <h2 id="tiers-h">{t("分档分布", "Tier distribution")}</h2>
          <Tiers code={code} version={version} />
        </section>
      )}
      <section aria-labelledby="bodies-h">
        <h2 id="bodies-h">{t("被评估单位", "Evaluated bodies")}</h2>
        <Loaded state={bodies}>{(list) => <Bodies code={code} bodies={list} />}</Loaded>
      </section>
    </section>
  );
}
