import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** An article that shows no date counts as not updated (2015 list, kept in practice). */
export const contentUndated: Check = {
  id: "content.undated",
  title: bi("内容未标注发布日期", "Content without a publication date"),
  severity: "minor",
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
