import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const SLOW_MS = 3_000;

export const siteSlow: Check = {
  id: "site.slow",
  title: bi("首页访问缓慢", "Homepage slow"),
  severity: "minor",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    if (site.home.ms <= SLOW_MS) return fromFindings([]);
    return fromFindings([
      withRecord({ check: "site.slow", page: site.home.url, ms: site.home.ms }, site.home.record),
    ]);
  },
};
