import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const httpsNoRedirect: Check = {
  id: "https.no-redirect",
  title: bi("HTTP未跳转至HTTPS", "HTTP does not redirect to HTTPS"),
  severity: "minor",
  run(site) {
    const h = site.http;
    // No http:// service at all is not this problem.
    if (!homeReachable(site) || h === null || h.error !== null) return notApplicable;
    if (h.redirectedToHttps) return fromFindings([]);
    return fromFindings([withRecord({ check: "https.no-redirect", page: h.url }, h.record)]);
  },
};
