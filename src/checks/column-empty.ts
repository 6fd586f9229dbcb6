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
  rule: {
    source: "checklist-2019",
    item: bi("单项否决：栏目不更新（空白栏目）", "Single veto: columns not updated (empty columns)"),
  },
  description: bi(
    "栏目没有任何带日期条目且页面声明“暂无信息”，或声明为列表型的栏目除首页链接外不列任何条目即报告。机构职能等正文型页面不算空白。",
    "Reported when a column has no dated entry and says it is empty (暂无信息), or when a column declared as a list lists nothing beyond the homepage's links. A text page such as 机构职能 is not empty.",
  ),
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
