import { bi } from "../i18n/bilingual.ts";
import { columnAge, siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable } from "./types.ts";

/** 栏目不更新: a column's newest item is older than its type's limit. */
export const columnStale: Check = {
  id: "column.stale",
  title: bi("栏目不更新", "Column not updated"),
  severity: "major",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    const dated = c.columns.filter((col) => col.latest !== null);
    if (dated.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const col of dated) {
      const age = columnAge(col, c.asOf) as number;
      if (age <= col.limitDays) continue;
      findings.push({
        check: "column.stale",
        page: col.page,
        column: col.name,
        columnType: col.type,
        latest: col.latest,
        ageDays: age,
        limitDays: col.limitDays,
      });
    }
    return fromFindings(findings);
  },
};
