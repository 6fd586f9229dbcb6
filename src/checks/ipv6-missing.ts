import { NO_RECORD } from "../artifacts/site-steps.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, notApplicable } from "./types.ts";

export const ipv6Missing: Check = {
  id: "ipv6.missing",
  title: bi("网站不支持IPv6访问", "No IPv6 (AAAA) address"),
  severity: "minor",
  rule: { source: "checklist-2019", item: bi("扣分指标·功能设计：IPv6", "Deductions, 功能设计: IPv6") },
  description: bi(
    "网站主机没有AAAA记录即报告；DNS查询因其他原因失败为警告。未查询时（--allow-private，或重放的存档中没有记录的DNS应答）不适用；重放（recheck）使用存档记录的应答。",
    "Reported when the site's host has no AAAA record; a lookup that fails for another reason is a warning. Not applicable when no lookup was made (--allow-private, or a replayed archive that holds no DNS answers); a recheck uses the answers the archive recorded.",
  ),
  run(site) {
    const v6 = site.ipv6;
    // The engine did not look (no resolver injected, or a replayed archive).
    if (!v6) return notApplicable;
    if (v6.addresses.length > 0) return fromFindings([]);
    if (v6.error !== null && !NO_RECORD.has(v6.error)) return { outcome: "warn", findings: [] };
    return fromFindings([{ check: "ipv6.missing", page: site.home.url, host: site.host }]);
  },
};
