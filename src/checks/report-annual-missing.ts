import { annualReportList } from "../artifacts/topics.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, readPages } from "./types.ts";

/**
 * The year whose report must be out by the as-of date: the previous year's from 1 February on
 * (条例 第五十条: published by 31 January), the year before that until then.
 */
export function requiredReportYear(asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  return asOf.slice(5) > "01-31" ? y - 1 : y - 2;
}

/** 政府信息公开工作年度报告 not published by 31 January. */
export const reportAnnualMissing: Check = {
  id: "report.annual-missing",
  title: bi(
    "未按时公开政府信息公开工作年度报告",
    "Annual report on government information disclosure missing",
  ),
  severity: "major",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·发布解读：每年1月31日前公开上一年度政府信息公开工作年度报告",
      "Deductions, publishing and interpretation: the annual report on government information disclosure of the previous year published by 31 January",
    ),
  },
  description: bi(
    "在已抓取页面的标题和链接文字中查找政府信息公开工作年度报告（如“某县2025年政府信息公开工作年度报告”“2025年度政府信息公开年报”，年报栏目中只写“2025年”的条目也算；关于报送、编制报告的通知不算），读出其年度。检查日在1月31日之后要求上一年度的报告，1月31日及之前要求再前一年度的报告；未找到该年度（或更新年度）的报告即报告，发现项给出应有年度和找到的最新年度。报告位于未抓取的深层页面时也会报告；首页解码出错（乱码）且未找到任何年度的报告时不适用。",
    "Looks for the annual report on government information disclosure in the titles and link texts of the pages crawled (某县2025年政府信息公开工作年度报告, 2025年度政府信息公开年报; in a list of the reports an entry naming the year alone counts; notices about submitting or preparing reports do not) and reads its year. After 31 January the previous year's report is required, until then the one of the year before; reported when no report of that year (or a later one) is found, with the year required and the latest found. A report only on pages the crawl did not reach is reported too; not applicable when the homepage does not decode cleanly (garbled) and no report of any year is found.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const read = readPages(site);
    if (read.length === 0) return notApplicable;
    const asOfYear = Number(site.asOf.slice(0, 4));
    const year = requiredReportYear(site.asOf);
    const found = [...new Set(read.flatMap((p) => p.annualReports ?? []))]
      .filter((y) => y <= asOfYear)
      .sort((a, b) => b - a);
    if (found.some((y) => y >= year)) return fromFindings([]);
    const c = siteContent(site);
    // A homepage that does not decode cleanly, and no report of any year: garbled, not missing.
    if (found.length === 0 && c.home?.charset?.clean === false) return notApplicable;
    // Where the report should be: the list of the reports when the crawl found one, else the homepage.
    const page =
      c.columns.find((col) => annualReportList(col.name))?.page ??
      read.find((p) => annualReportList(p.meta.columnname))?.url ??
      c.home?.url ??
      site.home.finalUrl;
    const f: Finding = { check: "report.annual-missing", page, year, latestFound: found[0] ?? null };
    return fromFindings([f]);
  },
};
