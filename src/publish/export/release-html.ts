import type { ReleaseInput } from "../types.ts";
import { chartFigure, releaseCharts } from "./charts.ts";
import { markdownToHtml } from "./markdown.ts";
import { page } from "./page.ts";

/**
 * The release as one self-contained page: the Chinese release, the charts (inline SVG, each with
 * its data table), then the English release. The title is the Chinese release's first heading.
 */
export function releaseHtml(input: ReleaseInput, markdownZh: string, markdownEn: string): string {
  const title = /^#\s+(.+)$/m.exec(markdownZh)?.[1] ?? "评估结果发布";
  const charts = releaseCharts(input);
  const chartSection =
    charts.length === 0
      ? ""
      : `<section aria-labelledby="charts-heading">
<h2 id="charts-heading">图表 <span lang="en">Charts</span></h2>
${charts.map(chartFigure).join("\n")}
</section>`;
  const body = `<article lang="zh-CN">
${markdownToHtml(markdownZh)}
</article>
${chartSection}
<hr>
<article lang="en">
${markdownToHtml(markdownEn)}
</article>`;
  return page({ title, body });
}
