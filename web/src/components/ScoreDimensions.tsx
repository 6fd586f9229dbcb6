import { useI18n, useName } from "../i18n.tsx";
import { ChartBars } from "./ChartBars.tsx";
import { useVerdict } from "./ScoreCommon.tsx";
import type { BodyResult, Framework } from "./ScoreTypes.ts";

/** Total score, rank, tier and verdict of one body. */
export function ScoreSummary({ result }: { result: BodyResult }) {
  const { t, num } = useI18n();
  const verdict = useVerdict();
  const root = result.root;
  return (
    <dl className="sc-facts" data-testid="score-summary">
      <div>
        <dt>{t("总分", "Score")}</dt>
        <dd>{num(result.scores[root])}</dd>
      </div>
      <div>
        <dt>{t("名次", "Rank")}</dt>
        <dd>{num(result.ranks[root], 0)}</dd>
      </div>
      <div>
        <dt>{t("档级", "Tier")}</dt>
        <dd>{result.tier ?? "—"}</dd>
      </div>
      {result.verdict && (
        <div>
          <dt>{t("结论", "Verdict")}</dt>
          <dd>
            {verdict(result.verdict)}
            {result.reason ? t(`（${result.reason}）`, ` (${result.reason})`) : ""}
          </dd>
        </div>
      )}
      {result.category && (
        <div>
          <dt>{t("类别", "Category")}</dt>
          <dd>{result.category}</dd>
        </div>
      )}
    </dl>
  );
}

interface Row {
  code: string;
  name: string;
  depth: number;
  points: number | null;
}

/** Score and rank on every framework node, in tree order (codes only when the framework is missing). */
export function ScoreDimensions({
  result,
  framework,
  chart = false,
}: {
  result: BodyResult;
  framework: Framework | undefined;
  chart?: boolean;
}) {
  const { t, num } = useI18n();
  const name = useName();
  const rows: Row[] = framework
    ? framework.nodes.map((n) => ({
        code: n.code,
        name: name(n.name) || n.code,
        depth: n.depth,
        points: n.points,
      }))
    : Object.keys(result.scores).map((code) => ({
        code,
        name: code,
        depth: code === result.root ? 0 : 1,
        points: null,
      }));
  const withPoints = rows.some((r) => r.points !== null);
  const dimensions = rows.filter((r) => r.depth === 1);
  const charted = chart && dimensions.some((d) => typeof result.scores[d.code] === "number");
  const caption = t("各指标得分与名次", "Score and rank on every indicator");
  return (
    <>
      {charted && (
        <figure className="sc-chart">
          <figcaption>
            {t("一级指标得分（数值见下表）", "Score by top-level dimension (numbers in the table below)")}
          </figcaption>
          <ChartBars
            horizontal
            height={Math.max(160, dimensions.length * 40 + 60)}
            bars={dimensions.map((d) => ({ label: d.name, value: result.scores[d.code] ?? null }))}
            description={`${t("一级指标得分", "Score by dimension")}：${dimensions
              .map((d) => `${d.name} ${num(result.scores[d.code])}`)
              .join("；")}`}
            valueName={t("得分", "score")}
          />
        </figure>
      )}
      <div className="sc-table-scroll">
        <table className="sc-dims" data-testid="dimension-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("指标", "Indicator")}</th>
              <th scope="col" className="num">
                {t("得分", "Score")}
              </th>
              {withPoints && (
                <th scope="col" className="num">
                  {t("满分", "Points")}
                </th>
              )}
              <th scope="col" className="num">
                {t("名次", "Rank")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code} className={r.depth <= 1 ? "sc-node-major" : undefined}>
                <th scope="row" style={{ paddingLeft: `${0.5 + r.depth * 1.25}rem` }}>
                  {r.name}
                  {r.name !== r.code && <span className="sc-code"> {r.code}</span>}
                </th>
                <td className="num">{num(result.scores[r.code])}</td>
                {withPoints && (
                  <td className="num">
                    {r.points === null ? "—" : num(r.points, Number.isInteger(r.points) ? 0 : 1)}
                  </td>
                )}
                <td className="num">{num(result.ranks[r.code], 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
