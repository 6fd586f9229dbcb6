import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, notApplicable } from "./types.ts";

/** Answers that mean "the name has no AAAA record", as opposed to "we could not ask". */
const NO_RECORD = new Set(["ENODATA", "ENOTFOUND", "NXDOMAIN", "NODATA"]);

export const ipv6Missing: Check = {
  id: "ipv6.missing",
  title: bi("网站不支持IPv6访问", "No IPv6 (AAAA) address"),
  severity: "minor",
  run(site) {
    const v6 = site.ipv6;
    // The engine did not look (no resolver injected, or a replayed archive).
    if (!v6) return notApplicable;
    if (v6.addresses.length > 0) return fromFindings([]);
    if (v6.error !== null && !NO_RECORD.has(v6.error)) return { outcome: "warn", findings: [] };
    return fromFindings([{ check: "ipv6.missing", page: site.home.url, host: site.host }]);
  },
};
