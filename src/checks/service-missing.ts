import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** 服务不实用 (veto): no 办事服务 entry at all. */
export const serviceMissing: Check = {
  id: "service.missing",
  title: bi("缺少办事服务入口", "No online services entry"),
  severity: "critical",
  rule: {
    source: "checklist-2019",
    item: bi("单项否决：服务不实用（无办事服务）", "Single veto: services not usable (no 办事服务)"),
  },
  description: bi(
    "首页及其直接下级页面没有办事服务入口，全站也没有办事指南页即报告。",
    "Reported when neither the homepage nor the pages it links directly have a 办事服务 entry and no service-guide page was found anywhere.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    if (!home) return notApplicable;
    const c = siteContent(site);
    const near = [home, ...c.pages.filter((p) => p.depth === 1)];
    if (near.some((p) => p.entries?.service === true) || c.pages.some((p) => (p.guide ?? null) !== null))
      return fromFindings([]);
    return fromFindings([withRecord({ check: "service.missing", page: home.url }, home.record)]);
  },
};
