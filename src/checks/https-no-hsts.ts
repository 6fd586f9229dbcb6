import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const httpsNoHsts: Check = {
  id: "https.no-hsts",
  title: bi("未启用HSTS", "No Strict-Transport-Security header"),
  severity: "minor",
  run(site) {
    const s = site.https;
    if (!homeReachable(site) || s === null || s.error !== null || s.status === null || s.status >= 400)
      return notApplicable;
    if (/max-age\s*=\s*[1-9]/i.test(s.headers["strict-transport-security"] ?? "")) return fromFindings([]);
    return fromFindings([withRecord({ check: "https.no-hsts", page: s.finalUrl }, s.record)]);
  },
};
