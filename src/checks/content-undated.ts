import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** An article that shows no date counts as not updated (2015 list, kept in practice). */
export const contentUndated: Check = {
  id: "content.undated",
  title: bi("内容未标注发布日期", "Content without a publication date"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "单项否决：栏目不更新（无发布日期的内容视为未更新，沿用2015年检查指标的做法）",
      "Single veto: columns not updated (undated content counts as not updated, as in the 2015 list)",
    ),
  },
  description: bi(
    "文章页（有文章元数据、自身日期、被列表注明日期，或路径像文章）不显示任何日期即报告。办事指南和留言页另有检查。",
    "Reported when an article page (article meta, a date of its own, dated by a list, or an article-like path) shows no date at all. Service guides and message pages have checks of their own.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    if (c.articles.length === 0) return notApplicable;
    const findings = c.articles
      .filter(
        (p) =>
          (p.date ?? null) === null &&
          (p.freeDate ?? null) === null &&
          // Service guides and message pages have their own checks and rarely a byline.
          (p.guide ?? null) === null &&
          (p.messages ?? []).length === 0,
      )
      .map((p) => withRecord({ check: "content.undated", page: p.url }, p.record));
    return fromFindings(findings);
  },
};
