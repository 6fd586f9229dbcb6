import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, withRecord } from "./types.ts";

/** The catalogue's limit: the homepage must answer 2xx within this time. */
export const UNREACHABLE_MS = 15_000;

export const siteUnreachable: Check = {
  id: "site.unreachable",
  title: bi("网站无法访问", "Site unreachable"),
  severity: "critical",
  run(site) {
    const h = site.home;
    if (homeReachable(site) && h.ms <= UNREACHABLE_MS) return fromFindings([]);
    const f: Finding = { check: "site.unreachable", page: site.home.url };
    if (h.error) f.error = h.error;
    else if (h.status !== null && (h.status < 200 || h.status >= 300)) f.status = h.status;
    else f.error = "timeout";
    return fromFindings([withRecord(f, h.record)]);
  },
};
