import { Link, useParams } from "react-router";
import { api, seg } from "../api.ts";
import { Loaded, PageTitle, useLoad } from "../components/common.tsx";
import { bodyName, useFramework } from "../components/ScoreCommon.tsx";
import { ScoreDimensions, ScoreSummary } from "../components/ScoreDimensions.tsx";
import { ScoreHistory } from "../components/ScoreHistory.tsx";
import type { BodyResult, Results } from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";

export default function PublicBody() {
  const { code = "", bodyId = "" } = useParams();
  const { t } = useI18n();
  const result = useLoad(
    () => api.get<BodyResult>(`/evaluations/${seg(code)}/results/${seg(bodyId)}`),
    [code, bodyId],
  );
  // The summary carries the body's name and the evaluation's.
  const summary = useLoad(() => api.get<Results>(`/evaluations/${seg(code)}/results`), [code]);
  const framework = useFramework(code);
  const row = summary.data?.bodies.find((b) => b.bodyId === bodyId);
  const name = row ? bodyName(row) : bodyId;
  const title = `${name} · ${t("评估结果", "results")}`;
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link to={`/results/${seg(code)}`}>
          {summary.data
            ? t(`返回“${summary.data.name}”全部结果`, `Back to all results of “${summary.data.name}”`)
            : t("返回全部结果", "Back to all results")}
        </Link>
      </p>
      <Loaded state={result}>
        {(r) => (
          <>
            <ScoreSummary result={r} />
            <section aria-labelledby="dims-h">
              <h2 id="dims-h">{t("分项得分", "Scores by dimension")}</h2>
              {framework.error ? (
                <p className="muted">
                  {t(
                    "无法读取评估框架，指标以代码显示。",
                    "The framework could not be read; indicators show as codes.",
                  )}
                </p>
              ) : null}
              <ScoreDimensions result={r} framework={framework.data} chart />
            </section>
            <section aria-labelledby="history-h">
              <h2 id="history-h">{t("历次计分", "History")}</h2>
              <ScoreHistory code={code} bodyId={bodyId} />
            </section>
          </>
        )}
      </Loaded>
    </section>
  );
}
