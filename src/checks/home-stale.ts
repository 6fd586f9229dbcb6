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
