import type { ColumnType } from "../artifacts/column-types.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/**
 * Types whose page is a list: one of them showing nothing is empty. A 机构职能 or 领导 column
 * is often a single text with no list, which is not 空白.
 */
const LIST_TYPES = new Set<ColumnType>([
  "news",
  "notice",
  "policy",
  "interpretation",
  "response",
  "personnel",
  "plan",
  "finance",
  "statistics",
]);

export const columnEmpty: Check = {
  id: "column.empty",
  title: bi("空白栏目", "Empty column"),
  severity: "major",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    if (c.columns.length === 0) return notApplicable;
    const findings = c.columns
      .filter(
        (col) =>
          col.datedItems === 0 &&
          (col.saysEmpty || (col.items === 0 && col.declared && LIST_TYPES.has(col.type))),
      )
      .map((col) =>
        withRecord({ check: "column.empty", page: col.page, column: col.name }, col.pages[0]?.record),
      );
    return fromFindings(findings);
  },
};
