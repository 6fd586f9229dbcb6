import { ageDays } from "../artifacts/dates.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, fromFindings, homeReachable, notApplicable } from "./types.ts";

/** 首页不更新: two weeks without a dated item (单项否决). */
export const HOME_STALE_DAYS = 14;

export const homeStale: Check = {
  id: "home.stale",
  title: bi("首页不更新", "Homepage not updated"),
  severity: "critical",
  rule: { source: "checklist-2019", item: bi("单项否决：首页不更新", "Single veto: homepage not updated") },
  description: bi(
    "首页最新的带日期条目早于检查基准日14天以上即报告；首页只是导航页时，以其二级页面为准（发现项标明 navigationOnly）。全站找不到任何日期时为警告（日期可能由脚本绘制）。",
    "Reported when the newest dated item on the homepage is more than 14 days older than the as-of date; a navigation-only homepage is judged by its second-level pages (the finding says navigationOnly). Nothing dated anywhere is a warning (the dates may be drawn by scripts).",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    if (!c.home) return notApplicable;
    // Nothing dated anywhere we looked: the dates may be drawn by scripts; say so, do not veto.
    if (c.homeLatest === null) return { outcome: "warn", findings: [] };
    const limit = site.profile?.homeStaleDays ?? HOME_STALE_DAYS;
    const age = ageDays(c.homeLatest, site.asOf);
    if (age <= limit) return fromFindings([]);
    const f = {
      check: "home.stale",
      page: c.home.url,
      latest: c.homeLatest,
      ageDays: age,
      limitDays: limit,
      ...(c.homeNavOnly ? { navigationOnly: true } : {}),
    };
    return fromFindings([f]);
  },
};
