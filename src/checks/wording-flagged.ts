import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** Serious wording errors from the evaluation's or the site's own dictionary (单项否决 material). */
export const wordingFlagged: Check = {
  id: "wording.flagged",
  title: bi("存在严重表述错误", "Flagged wording"),
  severity: "critical",
  rule: {
    source: "checklist-2019",
    item: bi(
      "单项否决：安全、泄密事故等严重问题（严重表述错误）",
      "Single veto: serious incidents (serious wording errors)",
    ),
  },
  description: bi(
    "正文出现评估方或站点配置的严重表述错误词典中的词即报告。没有词典时不适用。",
    "Reported when text matches the evaluation's or the site's own dictionary of serious wording errors. Not applicable without a dictionary.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    // Without a dictionary there is nothing to look for.
    if ((site.profile?.wording?.flagged ?? []).length === 0) return notApplicable;
    const c = siteContent(site);
    const findings: Finding[] = [];
    for (const p of [c.home, ...c.pages]) {
      const seen = new Set<string>();
      for (const h of p?.flagged ?? []) {
        if (!p || seen.has(h.text)) continue;
        seen.add(h.text);
        findings.push(withRecord({ check: "wording.flagged", page: p.url, text: h.text }, p.record));
      }
    }
    return fromFindings(findings);
  },
};
