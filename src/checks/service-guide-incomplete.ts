import { GUIDE_ELEMENTS } from "../artifacts/page.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const serviceGuideIncomplete: Check = {
  id: "service.guide-incomplete",
  title: bi("办事指南要素不全", "Service guide misses key elements"),
  severity: "major",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    const guides = c.pages.filter((p) => (p.guide ?? null) !== null);
    if (guides.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const p of guides) {
      const have = new Set(p.guide ?? []);
      const missing = GUIDE_ELEMENTS.map(([name]) => name).filter((n) => !have.has(n));
      if (missing.length > 0)
        findings.push(withRecord({ check: "service.guide-incomplete", page: p.url, missing }, p.record));
    }
    return fromFindings(findings);
  },
};
