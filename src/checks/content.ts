import { type ColumnType, classifyColumn, DEFAULT_STALE_DAYS } from "../artifacts/column-types.ts";
import { ageDays, latestOf } from "../artifacts/dates.ts";
import { urlMatches } from "../artifacts/page.ts";
import type { PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import { articleUrl, listKey as listKeyOf, searchUrl, staticPage } from "./page-kinds.ts";

/** A column (栏目): one list, possibly over several pages (index.html, index_1.html, …). */
export interface Column {
  /** The list's first page. */
  page: string;
  pages: PageArtifact[];
  name: string;
  type: ColumnType;
  /** Entries over all its pages, dated or not. */
  items: number;
  datedItems: number;
  latest: string | null;
  limitDays: number;
  /** The page said its list was empty (暂无信息). */
  saysEmpty: boolean;
  /** Found through ColumnName/ColumnType meta or the profile, not only by its shape. */
  declared: boolean;
}

export interface SiteContent {
  asOf: string;
  home: PageArtifact | undefined;
  /** HTML pages read, without the homepage and the sections the profile skips. */
  pages: PageArtifact[];
  columns: Column[];
  articles: PageArtifact[];
  /** Newest dated item on the homepage, or on the second-level pages when the homepage has none. */
  homeLatest: string | null;
  homeNavOnly: boolean;
}

function titleName(p: PageArtifact): string | null {
  const t = p.title;
  if (!t) return null;
  const parts = t.split(/\s*[_|｜—–-]\s*|\s{2,}/).filter((x) => x.length > 0);
  return parts[0] ?? null;
}

const isHtmlRead = (p: PageArtifact) => p.items !== undefined && p.status !== null && p.status < 300;
const meta = (p: PageArtifact, k: string) => (p.meta[k] ?? "").trim() || null;

export function isArticleMeta(p: PageArtifact): boolean {
  return meta(p, "articletitle") !== null || meta(p, "pubdate") !== null;
}

const cache = new WeakMap<SiteArtifacts, SiteContent>();

/** Columns, articles and the homepage's freshness, read once per site for all the checks. */
export function siteContent(site: SiteArtifacts): SiteContent {
  const hit = cache.get(site);
  if (hit) return hit;
  const asOf = site.asOf;
  const prof = site.profile;
  const skip = (url: string) => (prof?.skip ?? []).some((s) => urlMatches(s, url));
  const html = site.pages.filter(isHtmlRead);
  const home = html.find((p) => p.depth === 0);
  const pages = html.filter((p) => p !== home && !skip(p.url));

  // Each URL's list key once: parsing a URL is most of what this function costs.
  const keys = new Map<string, string>();
  const listKey = (url: string) => {
    let k = keys.get(url);
    if (k === undefined) {
      k = listKeyOf(url);
      keys.set(url, k);
    }
    return k;
  };

  // Names the site gives its columns in navigation.
  const navName = new Map<string, string>();
  for (const n of home?.nav ?? []) if (!navName.has(listKey(n.href))) navName.set(listKey(n.href), n.text);
  const homeTargets = new Set((home?.nav ?? []).map((n) => listKey(n.href)));

  const groups = new Map<string, PageArtifact[]>();
  const declared = new Set<string>();
  // A list's later pages (`index_1.html`, `?page=2`) are the homepage's or their column's.
  const homeKey = home ? listKey(home.url) : null;
  const laterPages: PageArtifact[] = [];
  for (const p of pages) {
    const key = listKey(p.url);
    if (key === homeKey) continue;
    const rule = prof?.columns?.find((c) => urlMatches(c.url, p.url));
    const dated = (p.items ?? []).filter((i) => i.date !== null).length;
    const hasColumnMeta = meta(p, "columnname") !== null || meta(p, "columntype") !== null;
    // A byline date without a label still makes a page an article, unless it is a list.
    const ownDate = (p.date ?? null) !== null || ((p.freeDate ?? null) !== null && dated < 3);
    const article = isArticleMeta(p) || ownDate;
    let isColumn = false;
    if (rule) isColumn = true;
    else if (searchUrl(p.url)) isColumn = false;
    else if (hasColumnMeta && !article) isColumn = true;
    else if (!article && dated >= 3 && !articleUrl(p.url)) isColumn = true;
    else if (!article && p.saysEmpty && dated === 0 && (hasColumnMeta || homeTargets.has(key)))
      isColumn = true;
    if (!isColumn) {
      // A last page of two entries is no list by its shape, yet it is its column's page.
      if (!article && key !== p.url && !searchUrl(p.url)) laterPages.push(p);
      continue;
    }
    if (rule || hasColumnMeta) declared.add(key);
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  for (const p of laterPages) groups.get(listKey(p.url))?.push(p);

  // Links every page repeats (the homepage's navigation and lists) are not a column's entries.
  const chrome = new Set([
    ...(home?.items ?? []).map((i) => i.href),
    ...(home?.nav ?? []).map((n) => n.href),
  ]);
  const columns: Column[] = [];
  for (const [key, ps] of groups) {
    ps.sort((a, b) => (a.url === key ? -1 : b.url === key ? 1 : a.url < b.url ? -1 : 1));
    const first = ps[0] as PageArtifact;
    const rule = prof?.columns?.find((c) => urlMatches(c.url, first.url));
    const name = rule?.name ?? meta(first, "columnname") ?? navName.get(key) ?? titleName(first) ?? key;
    const type = rule?.type ?? classifyColumn(meta(first, "columntype"), name);
    const items = ps.flatMap((p) => p.items ?? []).filter((i) => i.date !== null || !chrome.has(i.href));
    const limitDays = rule?.limitDays ?? prof?.staleDays?.[type] ?? DEFAULT_STALE_DAYS[type];
    columns.push({
      page: first.url,
      pages: ps,
      name,
      type,
      items: items.length,
      datedItems: items.filter((i) => i.date !== null).length,
      latest: latestOf(
        items.map((i) => i.date),
        asOf,
      ),
      limitDays,
      saysEmpty: ps.some((p) => p.saysEmpty === true),
      declared: declared.has(key),
    });
  }
  columns.sort((a, b) => (a.page < b.page ? -1 : 1));

  const inColumn = new Set(columns.flatMap((c) => c.pages));
  // Dated entries only: undated ones include every navigation link of the page.
  const listed = new Set<string>();
  for (const p of [home, ...columns.flatMap((c) => c.pages)])
    for (const i of p?.items ?? []) if (i.date !== null) listed.add(i.href);
  const articles = pages.filter((p) => {
    if (inColumn.has(p) || listKey(p.url) === homeKey) return false;
    // Service guides and message pages have checks of their own.
    if ((p.guide ?? null) !== null || (p.messages ?? []).length > 0) return false;
    if (isArticleMeta(p) || (p.date ?? null) !== null || listed.has(p.url)) return true;
    if (!articleUrl(p.url)) return false;
    // Only the URL says article: a static text (概况, 机构职能, 领导 at `About.asp?id=1`,
    // `Show.asp?id=3`) shows no date, and is not an undated article, unless it has a byline.
    return (p.freeDate ?? null) !== null || !staticPage(p.url, p.title, navName.get(listKey(p.url)));
  });

  let homeLatest = latestOf(
    (home?.items ?? []).map((i) => i.date),
    asOf,
  );
  let homeNavOnly = false;
  if (home && homeLatest === null) {
    // A navigation-only homepage: its second-level pages stand for it.
    homeNavOnly = true;
    homeLatest = latestOf(
      pages.filter((p) => p.depth === 1).flatMap((p) => [...(p.items ?? []).map((i) => i.date), p.date]),
      asOf,
    );
  }
  const out: SiteContent = { asOf, home, pages, columns, articles, homeLatest, homeNavOnly };
  cache.set(site, out);
  return out;
}

export function columnAge(c: Column, asOf: string): number | null {
  return c.latest === null ? null : ageDays(c.latest, asOf);
}
