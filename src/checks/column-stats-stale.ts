import { ageDays, latestOf, monthsBefore } from "../artifacts/dates.ts";
import { type StatsKind, statsKind, titlePeriodEnd } from "../artifacts/topics.ts";
import type { SiteArtifacts } from "../artifacts/types.ts";
import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { listKey } from "./page-kinds.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable } from "./types.ts";

/** How long each kind of statistics may go without an update (19号: 办件 3 months, messages 2). */
export const STATS_LIMIT_MONTHS: Record<StatsKind, number> = { service: 3, message: 2 };

/** Where a site publishes statistics: a column, a page, or an entry a list dates. */
export interface StatsSource {
  kind: StatsKind;
  page: string;
  name: string;
  /** Its newest date (not after as-of), null when it shows none. */
  latest: string | null;
}

/**
 * The site's statistics of 办件 and of message handling: columns named so (办件公示, 信件统计),
 * pages whose title, `ColumnName` or the links to them say so (their own date, else the period
 * their title names, else the dates they list: a 2026年9月 report is usually published in October,
 * so the period is only a fallback), and the dated entries of any list that name them
 * (`2026年9月份办件情况统计 2026-10-08`).
 */
export function statsSources(site: SiteArtifacts): StatsSource[] {
  const c = siteContent(site);
  const asOf = c.asOf;
  const out: StatsSource[] = [];
  const inColumn = new Set<string>();
  for (const col of c.columns) {
    for (const p of col.pages) inColumn.add(p.url);
    const kind = statsKind(col.name);
    if (!kind) continue;
    // The dates it lists, else its pages' own dates, else the period its title names.
    const latest =
      col.latest ??
      latestOf(
        col.pages.flatMap((p) => [p.date, p.freeDate]),
        asOf,
      ) ??
      latestOf(
        col.pages.map((p) => titlePeriodEnd(p.title ?? "")),
        asOf,
      );
    out.push({ kind, page: col.page, name: col.name, latest });
  }
  // What the links to a page call it: the homepage's menu, and every list entry or link naming statistics.
  const linkName = new Map<string, string>();
  for (const n of c.home?.nav ?? [])
    if (!linkName.has(listKey(n.href))) linkName.set(listKey(n.href), n.text);
  const pages = c.home ? [c.home, ...c.pages] : c.pages;
  for (const p of pages)
    for (const s of p.stats ?? []) {
      if (!linkName.has(listKey(s.href)) || !statsKind(linkName.get(listKey(s.href))))
        linkName.set(listKey(s.href), s.text);
      if (s.date !== null) {
        const latest = latestOf([s.date], asOf);
        if (latest !== null) out.push({ kind: s.kind, page: s.href, name: s.text, latest });
      }
    }
  for (const p of c.pages) {
    if (inColumn.has(p.url)) continue;
    const titleParts = (p.title ?? "").split(/[_|｜]|\s[-—–]\s|\s{2,}/);
    const names = [p.meta.columnname, ...titleParts, linkName.get(listKey(p.url))];
    const named = names.find((n): n is string => statsKind(n) !== null);
    if (named === undefined) continue;
    // Its own date (when it was published), else the period its title names, else what it lists.
    const latest =
      latestOf([p.date, p.freeDate], asOf) ??
      latestOf([titlePeriodEnd(p.title ?? "")], asOf) ??
      latestOf(
        (p.items ?? []).map((i) => i.date),
        asOf,
      );
    out.push({ kind: statsKind(named) as StatsKind, page: p.url, name: named.slice(0, 40), latest });
  }
  return out;
}

/** 办件统计 not updated in 3 months, 留言办理统计 not updated in 2 (国办秘函〔2019〕19号 deductions). */
export const columnStatsStale: Check = {
  id: "column.stats-stale",
  title: bi("办件或留言办理统计未及时更新", "Service or message-handling statistics not updated"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·办事服务：办件统计数据3个月未更新；扣分指标·互动交流：留言办理情况统计数据2个月未更新",
      "Deductions, online services: 办件 statistics not updated within 3 months; interaction: statistics of message handling not updated within 2 months",
    ),
  },
  description: bi(
    "找出网站公开的办件统计（办件统计、办件公示、办件情况、政务服务事项办理情况统计等）和留言办理统计（留言统计、信件统计、来信办理情况、诉求办理情况、12345热线数据等）：以此命名的栏目、页面（标题、ColumnName元数据或指向它的链接文字）以及列表中以此命名的条目。每类取最新日期（栏目和列表所示日期、页面自身日期；都没有时取标题所标统计期末，如“2026年9月”“第三季度”），办件统计早于检查日前3个月、留言办理统计早于前2个月即报告，每类至多一项；全无日期视为未更新（latest 为空）。两类都未找到时不适用。",
    "Finds the site's 办件 statistics (办件统计, 办件公示, 办件情况, statistics of service items handled…) and statistics of message handling (留言统计, 信件统计, 来信办理情况, 诉求办理情况, 12345 hotline data…): columns, pages (by title, ColumnName meta or the text of the links to them) and list entries so named. Each kind's newest date (the dates columns and lists show, the page's own date; without either, the end of the period its title names, such as 2026年9月 or a quarter) is reported when it is older than 3 months before as-of for 办件 and 2 months for messages, one finding per kind at most; statistics without any date count as not updated (latest null). Not applicable when neither kind is found.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const sources = statsSources(site);
    if (sources.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const kind of ["service", "message"] as const) {
      const mine = sources.filter((s) => s.kind === kind).sort((a, b) => (a.page < b.page ? -1 : 1));
      if (mine.length === 0) continue;
      const limitMonths = STATS_LIMIT_MONTHS[kind];
      const newest = mine.reduce<StatsSource | null>(
        (best, s) => (s.latest !== null && (best?.latest == null || s.latest > best.latest) ? s : best),
        null,
      );
      const base = { check: "column.stats-stale", statsKind: kind };
      if (newest === null) {
        const first = mine[0] as StatsSource;
        findings.push({ ...base, page: first.page, name: first.name, latest: null, limitMonths });
        continue;
      }
      const latest = newest.latest as string;
      if (latest >= monthsBefore(site.asOf, limitMonths)) continue;
      findings.push({
        ...base,
        page: newest.page,
        name: newest.name,
        latest,
        ageDays: ageDays(latest, site.asOf),
        limitMonths,
      });
    }
    return fromFindings(findings);
  },
};
