import { GUIDE_ELEMENTS } from "../artifacts/page.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const serviceGuideIncomplete: Check = {
  id: "service.guide-incomplete",
  title: bi("办事指南要素不全", "Service guide misses key elements"),
  severity: "major",
  rule: {
    source: "checklist-2019",
    item: bi(
      "单项否决：服务不实用（办事指南缺少要素）",
      "Single veto: services not usable (service guides missing key elements)",
    ),
  },
  description: bi(
    "办事指南页缺少事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程中的任一要素即报告，发现项列出所缺。",
    "Reported when a 办事指南 page misses any of 事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程; the finding lists the missing ones.",
  ),
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
