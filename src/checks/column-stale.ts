import { bi } from "../i18n/bilingual.ts";
import { columnAge, siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable } from "./types.ts";

/** 栏目不更新: a column's newest item is older than its type's limit. */
export const columnStale: Check = {
  id: "column.stale",
  title: bi("栏目不更新", "Column not updated"),
  severity: "major",
  rule: { source: "checklist-2019", item: bi("单项否决：栏目不更新", "Single veto: columns not updated") },
  description: bi(
    "栏目最新条目超过其时限即报告：动态要闻14天，通知公告、政策文件183天，其他365天，可按站点配置。有条目而无任何日期的栏目按未更新报告（19号：内容无日期视为未更新；发现项标明 undated），但全站栏目都没有日期时只给警告（日期可能由脚本绘制）。发现项给出栏目类型，评估框架据此计数用于否决。",
    "Reported when a column's newest entry is older than its limit: news 14 days, notices and policy documents 183 days, others 365, configurable per site. A column with entries and no date on any of them is reported as not updated (19号: content without a date counts as not updated; the finding says undated), unless no column of the site shows a date, which is a warning (the dates may be drawn by scripts). Findings carry the column type, which frameworks count for the veto.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    const dated = c.columns.filter((col) => col.latest !== null);
    // Entries and no date among them: 19号 counts content without a date as not updated.
    const undated = c.columns.filter((col) => col.latest === null && col.items > 0 && !col.saysEmpty);
    // Nothing dated in any column: the dates may be drawn by scripts; say so, report nothing.
    if (dated.length === 0) return undated.length > 0 ? { outcome: "warn", findings: [] } : notApplicable;
    const findings: Finding[] = undated.map((col) => ({
      check: "column.stale",
      page: col.page,
      column: col.name,
      columnType: col.type,
      latest: null,
      ageDays: null,
      limitDays: col.limitDays,
      undated: true,
    }));
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
