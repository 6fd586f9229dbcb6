import { useI18n } from "../i18n.tsx";
import { ChartBars } from "./ChartBars.tsx";
import { useVerdict } from "./ScoreCommon.tsx";
import type { ResultRow } from "./ScoreTypes.ts";

/**
 * How many bodies fall in each tier (or, for a check list without tiers, each verdict), in the
 * framework's tier order; bodies without one are counted last.
 */
/** Tiers, unless the bodies carry only check-list verdicts. */
const countsTiers = (bodies: readonly ResultRow[]) =>
  bodies.some((b) => b.tier !== null) || !bodies.some((b) => b.verdict);

export function tierCounts(
  bodies: readonly ResultRow[],
  tierOrder: readonly string[] = [],
): { key: string | null; count: number }[] {
  const byTier = countsTiers(bodies);
  const keyOf = (b: ResultRow) => (byTier ? b.tier : (b.verdict ?? null));
  const counts = new Map<string | null, number>();
  for (const name of byTier ? tierOrder : []) counts.set(name, 0);
  for (const b of bodies) {
    const k = keyOf(b);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const none = counts.get(null);
  counts.delete(null);
  const out = [...counts].map(([key, count]) => ({ key, count }));
  if (none) out.push({ key: null, count: none });
  return out;
}

/** The tier distribution as a chart and, with the same numbers, as a table. */
export function ChartTiers({ bodies, tierOrder }: { bodies: readonly ResultRow[]; tierOrder?: string[] }) {
  const { t } = useI18n();
  const verdict = useVerdict();
  const byTier = countsTiers(bodies);
  const rows = tierCounts(bodies, tierOrder).map((r) => ({
    label: r.key === null ? t("未定档", "no tier") : byTier ? r.key : verdict(r.key),
    count: r.count,
  }));
  const caption = byTier
    ? t(`分档分布（共 ${bodies.length} 个单位）`, `Tier distribution (${bodies.length} bodies)`)
    : t(`结论分布（共 ${bodies.length} 个单位）`, `Verdicts (${bodies.length} bodies)`);
  const description = `${caption}：${rows.map((r) => `${r.label} ${r.count}`).join("；")}`;
  const head = byTier ? t("档级", "Tier") : t("结论", "Verdict");
  return (
    <figure className="sc-chart" data-testid="tier-chart">
      <figcaption>{caption}</figcaption>
      <ChartBars
        bars={rows.map((r) => ({ label: r.label, value: r.count }))}
        description={description}
        valueName={t("单位数", "bodies")}
      />
      <table className="sc-compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              {t("单位数", "Bodies")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
