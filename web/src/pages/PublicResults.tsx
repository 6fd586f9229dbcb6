import { Link, useParams } from "react-router";
import { api, seg } from "../api.ts";
import { ChartTiers } from "../components/ChartTiers.tsx";
import { Loaded, PageTitle, useLoad } from "../components/common.tsx";
import { bodyName, useFramework, useStatusName, useVerdict } from "../components/ScoreCommon.tsx";
import type { CaseSummary, ResultRow, Results } from "../components/ScoreTypes.ts";
import { useI18n } from "../i18n.tsx";

/**
 * Units grouped by the categories they are ranked in, each group by rank: a unit in two
 * categories (成都: 副省级城市 and 省会城市) is listed in both, with its place in each.
 */
function groups(bodies: readonly ResultRow[]): [string | null, ResultRow[]][] {
  const by = new Map<string | null, ResultRow[]>();
  for (const b of bodies)
    for (const r of b.rankings ?? [{ category: b.category, rank: b.rank }])
      by.set(r.category, [...(by.get(r.category) ?? []), { ...b, category: r.category, rank: r.rank }]);
  const rank = (r: number | null) => r ?? Number.POSITIVE_INFINITY;
  return [...by].map(([c, list]) => [
    c,
    [...list].sort((a, b) => rank(a.rank) - rank(b.rank) || bodyName(a).localeCompare(bodyName(b), "zh-CN")),
  ]);
}

function ResultTable({ code, rows, caption }: { code: string; rows: ResultRow[]; caption: string }) {
  const { t, num } = useI18n();
  const verdict = useVerdict();
  const withVerdict = rows.some((r) => r.verdict);
  return (
    <div className="sc-table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("名次", "Rank")}
            </th>
            <th scope="col">{t("单位", "Body")}</th>
            <th scope="col" className="num">
              {t("总分", "Score")}
            </th>
            <th scope="col">{t("档级", "Tier")}</th>
            {withVerdict && <th scope="col">{t("结论", "Verdict")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.bodyId}/${r.app?.id ?? ""}`}>
              <td className="num">{num(r.rank, 0)}</td>
              <th scope="row">
                <Link to={`/results/${seg(code)}/${seg(r.bodyId)}`}>
                  {r.app ? `${r.app.name}（${bodyName(r)}）` : bodyName(r)}
                </Link>
              </th>
              <td className="num">{num(r.score)}</td>
              <td>{r.tier ?? "—"}</td>
              {withVerdict && (
                <td>
                  {r.verdict ? verdict(r.verdict) : "—"}
                  {r.reason && <div className="muted sc-small">{r.reason}</div>}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Practice-case counts, when the server has them; nothing when it does not answer. */
function CaseCounts({ code }: { code: string }) {
  const { t } = useI18n();
  const state = useLoad(() => api.get<CaseSummary>(`/evaluations/${seg(code)}/cases/summary`), [code]);
  const s = state.data;
  if (!s || s.cases === 0) return null;
  return (
    <section aria-labelledby="cases-h">
      <h2 id="cases-h">{t("实践案例", "Practice cases")}</h2>
      <p>
        {t(
          `共 ${s.cases} 个案例，来自 ${s.bodies} 个单位，入选 ${s.selected} 个。`,
          `${s.cases} cases from ${s.bodies} bodies; ${s.selected} selected.`,
        )}
      </p>
      <table className="sc-compact">
        <caption className="visually-hidden">{t("按类别统计", "Cases by class")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("类别", "Class")}</th>
            <th scope="col" className="num">
              {t("案例数", "Cases")}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(s.byClass).map(([k, n]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function PublicResults() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const status = useStatusName();
  const state = useLoad(() => api.get<Results>(`/evaluations/${seg(code)}/results`), [code]);
  const framework = useFramework(code);
  const title = state.data
    ? `${state.data.name} · ${t("结果", "results")}`
    : t("评估结果", "Evaluation results");
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <Loaded state={state}>
        {(r) => (
          <>
            <p className="muted">
              {t(
                `数据截止 ${r.asOf} · 阶段：${status(r.status)} · 计分批次 #${r.run}`,
                `As of ${r.asOf} · stage: ${status(r.status)} · scoring run #${r.run}`,
              )}
            </p>
            {r.status !== "published" && (
              <p className="sc-notice">
                {t("本结果尚未发布，仅供内部查看。", "These results are not published yet; internal view.")}
              </p>
            )}
            <section aria-labelledby="dist-h">
              <h2 id="dist-h">{t("分布", "Distribution")}</h2>
              <ChartTiers bodies={r.bodies} tierOrder={framework.data?.tiers.map((x) => x.name)} />
            </section>
            <section aria-labelledby="ranking-h">
              <h2 id="ranking-h">{t("排名", "Rankings")}</h2>
              {r.bodies.length === 0 && <p>{t("没有单位的结果。", "No body has a result.")}</p>}
              {groups(r.bodies).map(([category, rows]) => {
                const name = category ?? t("未分类", "Uncategorised");
                return (
                  <div key={name}>
                    <h3>
                      {name}{" "}
                      <span className="muted sc-small">
                        （{t(`${rows.length} 个单位`, `${rows.length} bodies`)}）
                      </span>
                    </h3>
                    <ResultTable code={code} rows={rows} caption={name} />
                  </div>
                );
              })}
            </section>
            <CaseCounts code={code} />
          </>
        )}
      </Loaded>
    </section>
  );
}
