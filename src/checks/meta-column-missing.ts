import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

const COLUMN_META = ["ColumnName", "ColumnType"] as const;

export const metaColumnMissing: Check = {
  id: "meta.column.missing",
  title: bi("栏目页缺少栏目元数据", "Column page lacks column meta tags"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi("页面元数据：栏目（ColumnName、ColumnType）", "Page meta tags: column (ColumnName, ColumnType)"),
  },
  description: bi(
    "栏目首页缺少 ColumnName 或 ColumnType 元数据即报告，发现项列出所缺。",
    "Reported when a column's first page lacks the ColumnName or ColumnType meta tag; the finding lists the missing ones.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    if (c.columns.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const col of c.columns) {
      const p = col.pages[0];
      if (!p) continue;
      const missing = COLUMN_META.filter((k) => !p.meta[k.toLowerCase()]?.trim());
      if (missing.length > 0)
        findings.push(withRecord({ check: "meta.column.missing", page: p.url, missing }, p.record));
    }
    return fromFindings(findings);
  },
};
