import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** 服务不实用 (veto): no 办事服务 entry at all. */
export const serviceMissing: Check = {
  id: "service.missing",
  title: bi("缺少办事服务入口", "No online services entry"),
  severity: "critical",
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
