import * as echarts from "echarts";
import { quantile7 } from "../../scoring/stats.ts";
import { tierNameEn } from "../text/tier-lists.ts";
import { compareEditions } from "../text/yoy-sentence.ts";
import type { ReleaseEvaluation, ReleaseInput } from "../types.ts";
import { escapeHtml } from "./html-escape.ts";

/** A chart as an accessible figure: inline SVG with a name, and the same figures as a table. */
export interface Chart {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly svg: string;
  /** Header and rows of the data table that says what the chart shows. */
  readonly table: { readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] };
}

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif";
// Colours with at least 4.5:1 against white, so labels drawn in them stay readable.
const PALETTE = ["#1f4e9a", "#2e7d32", "#8a5a00", "#b3261e", "#5b3d99", "#00695c"];

function render(option: Record<string, unknown>, width: number, height: number, label: string): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: FONT, color: "#1a1a1a" },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // The figure's table carries the data; the SVG itself is one image with a name.
  return svg.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false"`);
}

/** Number of bodies per tier, one bar group per category. */
export function tierDistributionChart(
  evaluation: ReleaseEvaluation,
  ladder: readonly string[],
  index: number,
): Chart | undefined {
  const categories = evaluation.categories.filter((c) => c.entries.some((e) => e.tier !== undefined));
  if (categories.length === 0) return undefined;
  const counts = categories.map((c) => ladder.map((t) => c.entries.filter((e) => e.tier === t).length));
  const titleZh = `${evaluation.name}：各档级数量`;
  const titleEn = `${evaluation.nameEn ?? evaluation.name}: bodies per tier`;
  const svg = render(
    {
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 64 },
      xAxis: { type: "category", data: ladder.map((t) => `${t}${evaluation.tierSuffix}`) },
      yAxis: { type: "value", minInterval: 1 },
      series: categories.map((c, i) => ({
        type: "bar",
        name: c.name,
        data: counts[i],
        label: { show: true, position: "top", color: "#1a1a1a" },
      })),
    },
    720,
    360,
    `${titleZh} ${titleEn}`,
  );
  return {
    id: `tiers-${index + 1}`,
    titleZh,
    titleEn,
    svg,
    table: {
      head: ["类别 Category", ...ladder.map((t) => `${t}${evaluation.tierSuffix} ${tierNameEn(t)}`)],
      rows: categories.map((c, i) => [c.name, ...(counts[i] ?? []).map(String)]),
    },
  };
}

/** Score distribution per category as box plots (min, quartiles, max; R type-7 quantiles). */
export function scoreDistributionChart(evaluation: ReleaseEvaluation, index: number): Chart | undefined {
  const categories = evaluation.categories
    .map((c) => ({
      name: c.name,
      scores: c.entries
        .map((e) => e.score)
        .filter((s): s is number => s !== undefined && Number.isFinite(s))
        .sort((a, b) => a - b),
    }))
    .filter((c) => c.scores.length > 0);
  if (categories.length === 0) return undefined;
  const stats = categories.map((c) => [0, 0.25, 0.5, 0.75, 1].map((q) => quantile7(c.scores, q)));
  const titleZh = `${evaluation.name}：各类别得分分布`;
  const titleEn = `${evaluation.nameEn ?? evaluation.name}: score distribution per category`;
  const svg = render(
    {
      grid: { left: 56, right: 16, top: 24, bottom: 96 },
      xAxis: {
        type: "category",
        data: categories.map((c) => c.name),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: "value", scale: true },
      series: [{ type: "boxplot", data: stats, itemStyle: { color: "#dfe8f6", borderColor: "#1f4e9a" } }],
    },
    720,
    380,
    `${titleZh} ${titleEn}`,
  );
  const fmt = (v: number) => (Math.round(v * 100) / 100).toString();
  return {
    id: `scores-${index + 1}`,
    titleZh,
    titleEn,
    svg,
    table: {
      head: [
        "类别 Category",
        "数量 n",
        "最低 min",
        "下四分位 Q1",
        "中位数 median",
        "上四分位 Q3",
        "最高 max",
      ],
      rows: categories.map((c, i) => [c.name, String(c.scores.length), ...(stats[i] ?? []).map(fmt)]),
    },
  };
}

/** Year-over-year tier migration: bodies per tier in each edition, and the migration matrix as the table. */
export function migrationCharts(input: ReleaseInput): Chart[] {
  return compareEditions(input)
    .filter((c) => c.evaluation.present !== "ranking")
    .map(({ evaluation, yoy, countsBefore, countsAfter }, i) => {
      const ladder = evaluation.tierLadder;
      const before = input.previousYear ?? (input.year === undefined ? "上一届" : String(input.year - 1));
      const after = input.year === undefined ? "本届" : String(input.year);
      const titleZh = `${evaluation.name}：档级变化（${before} → ${after}）`;
      const titleEn = `${evaluation.nameEn ?? evaluation.name}: tier migration (${before} → ${after})`;
      const svg = render(
        {
          legend: { top: 0 },
          grid: { left: 48, right: 16, top: 40, bottom: 40 },
          xAxis: { type: "category", data: ladder.map((t) => `${t}${evaluation.tierSuffix}`) },
          yAxis: { type: "value", minInterval: 1 },
          series: [
            {
              type: "bar",
              name: before,
              data: countsBefore,
              label: { show: true, position: "top", color: "#1a1a1a" },
            },
            {
              type: "bar",
              name: after,
              data: countsAfter,
              label: { show: true, position: "top", color: "#1a1a1a" },
            },
          ],
        },
        720,
        360,
        `${titleZh} ${titleEn}`,
      );
      return {
        id: `migration-${i + 1}`,
        titleZh,
        titleEn,
        svg,
        table: {
          head: [`${before} ↓ / ${after} →`, ...ladder.map((t) => `${t}${evaluation.tierSuffix}`)],
          rows: ladder.map((t, r) => [
            `${t}${evaluation.tierSuffix}`,
            ...(yoy.migration[r] ?? []).map(String),
          ]),
        },
      };
    });
}

export function releaseCharts(input: ReleaseInput): Chart[] {
  const charts: Chart[] = [];
  input.evaluations.forEach((e, i) => {
    const tiers = tierDistributionChart(e, e.tierLadder, i);
    if (tiers) charts.push(tiers);
    const scores = scoreDistributionChart(e, i);
    if (scores) charts.push(scores);
  });
  charts.push(...migrationCharts(input));
  return charts;
}

export function chartFigure(chart: Chart): string {
  const head = chart.table.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const rows = chart.table.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join("")}</tr>`,
    )
    .join("");
  return `<figure id="${chart.id}" class="chart">
<figcaption>${escapeHtml(chart.titleZh)} <span lang="en">${escapeHtml(chart.titleEn)}</span></figcaption>
<div class="chart-svg">${chart.svg}</div>
<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>
</figure>`;
}
