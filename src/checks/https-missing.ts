import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const httpsMissing: Check = {
  id: "https.missing",
  title: bi("未提供HTTPS访问", "Not served over HTTPS"),
  severity: "major",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const s = site.https;
    const ok = s !== null && s.error === null && s.status !== null && s.status < 400;
    if (ok) return fromFindings([]);
    const f = { check: "https.missing", page: site.home.url };
    return fromFindings([withRecord(f, s?.record)]);
  },
};
