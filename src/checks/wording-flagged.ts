import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** Serious wording errors from the evaluation's or the site's own dictionary (单项否决 material). */
export const wordingFlagged: Check = {
  id: "wording.flagged",
  title: bi("存在严重表述错误", "Flagged wording"),
  severity: "critical",
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
