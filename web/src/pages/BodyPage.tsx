import { Link, useParams } from "react-router";
import { api, seg } from "../api.ts";
import { ErrorBox, Loaded, Loading, PageTitle, useLoad } from "../components/common.tsx";
import { bodyName, ExternalLink, isStatus, useFramework } from "../components/ScoreCommon.tsx";
import { ScoreDimensions, ScoreSummary } from "../components/ScoreDimensions.tsx";
import { ScoreEvidence } from "../components/ScoreEvidence.tsx";
import { ScoreFindings } from "../components/ScoreFindings.tsx";
import { ScoreHistory } from "../components/ScoreHistory.tsx";
import type {
  BodyResult,
  EvaluationSummary,
  EvidenceValue,
  Findings,
  Framework,
  TargetBody,
} from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";
import { useSession } from "../session.tsx";

function Scores({
  code,
  bodyId,
  framework,
}: {
  code: string;
  bodyId: string;
  framework: Framework | undefined;
}) {
  const { t } = useI18n();
  const result = useLoad(
    () => api.get<BodyResult>(`/evaluations/${seg(code)}/results/${seg(bodyId)}`),
    [code, bodyId],
  );
  if (isStatus(result.error, 404))
    return <p className="muted">{t("本单位尚未计分。", "This body has not been scored yet.")}</p>;
  return (
    <Loaded state={result}>
      {(r) => (
        <>
          <ScoreSummary result={r} />
          <ScoreDimensions result={r} framework={framework} />
        </>
      )}
    </Loaded>
  );
}

function FindingsSection({ code, bodyId }: { code: string; bodyId: string }) {
  const state = useLoad(
    () => api.get<Findings>(`/evaluations/${seg(code)}/bodies/${seg(bodyId)}/findings`),
    [code, bodyId],
  );
  return <Loaded state={state}>{(data) => <ScoreFindings data={data} />}</Loaded>;
}

export default function BodyPage() {
  const { code = "", bodyId = "" } = useParams();
  const { t } = useI18n();
  const { account } = useSession();
  // The values recorded for the body double as the access check: the API refuses a signed-out
  // caller (401) and another body's submitter (403).
  const evidence = useLoad(
    () => api.get<EvidenceValue[]>(`/evaluations/${seg(code)}/bodies/${seg(bodyId)}/evidence`),
    [code, bodyId, account?.id],
  );
  const ev = useLoad(() => api.get<EvaluationSummary>(`/evaluations/${seg(code)}`), [code, account?.id]);
  const bodies = useLoad(
    () => api.get<TargetBody[]>(`/evaluations/${seg(code)}/bodies`),
    [code, account?.id],
  );
  const framework = useFramework(code);
  const body = bodies.data?.find((b) => b.bodyId === bodyId);
  const name = body ? bodyName(body) : bodyId;
  const title = `${name} · ${t("单位详情", "body")}`;

  if (account === undefined) return <Loading />;
  const refusal = [evidence.error, ev.error].find((e) => isStatus(e, 401, 403, 404));
  if (refusal)
    return (
      <section>
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorBox error={refusal} />
      </section>
    );
  const base = `/evaluations/${seg(code)}`;
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      {ev.data && (
        <p className="muted">
          {ev.data.name}
          {body?.categories.length ? ` · ${body.categories.join("、")}` : ""} · {bodyId}
        </p>
      )}
      <nav aria-label={t("本单位的页面", "Pages of this body")}>
        <ul className="sc-inline-links">
          <li>
            <Link to={`${base}/bodies/${seg(bodyId)}/submission`} data-testid="link-submission">
              {t("填报数据", "Submit figures")}
            </Link>
          </li>
          <li>
            <Link to={`${base}/appeals`} data-testid="link-appeals">
              {t("复核申请", "Appeals")}
            </Link>
          </li>
          {account?.role !== "submitter" && (
            <li>
              <Link to={base}>{t("返回评估工作台", "Back to the workspace")}</Link>
            </li>
          )}
          {ev.data?.status === "published" && (
            <li>
              <Link to={`/results/${seg(code)}/${seg(bodyId)}`}>{t("公开结果页", "Public result")}</Link>
            </li>
          )}
        </ul>
      </nav>
      {body && body.websites.length > 0 && (
        <p>
          {t("网站：", "Websites: ")}
          {body.websites.map((w, i) => (
            <span key={w.id}>
              {i > 0 && "，"}
              <ExternalLink href={w.url} />
            </span>
          ))}
        </p>
      )}
      <section aria-labelledby="scores-h" data-testid="body-scores">
        <h2 id="scores-h">{t("分项得分", "Scores by dimension")}</h2>
        <Scores code={code} bodyId={bodyId} framework={framework.data} />
      </section>
      <section aria-labelledby="findings-h" data-testid="body-findings">
        <h2 id="findings-h">{t("巡检发现与证据", "Inspection findings and evidence")}</h2>
        <FindingsSection code={code} bodyId={bodyId} />
      </section>
      <section aria-labelledby="evidence-h" data-testid="body-evidence">
        <h2 id="evidence-h">{t("记录的数据", "Recorded values")}</h2>
        <Loaded state={evidence}>
          {(values) => <ScoreEvidence values={values} framework={framework.data} />}
        </Loaded>
      </section>
      <section aria-labelledby="history-h" data-testid="body-history">
        <h2 id="history-h">{t("历次计分", "History")}</h2>
        <ScoreHistory code={code} bodyId={bodyId} />
      </section>
    </section>
  );
}
