import type { PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import { siteContent } from "../checks/content.ts";

export type SampleRole = "home" | "column" | "article";

export interface SampledPage {
  page: PageArtifact;
  role: SampleRole;
  /** The column an article was taken for (its list page), or the column page itself. */
  column: string | null;
}

export interface SampleOptions {
  /** Articles per column. */
  articlesPerColumn: number;
  /** Upper bound on the whole sample, so a site with hundreds of columns stays affordable. */
  maxPages: number;
}

export const DEFAULT_SAMPLE: SampleOptions = { articlesPerColumn: 3, maxPages: 200 };

const isHtmlOk = (p: PageArtifact) =>
  p.charset !== null && p.status !== null && p.status >= 200 && p.status < 300;
const metaOf = (p: PageArtifact, k: string) => (p.meta[k] ?? "").trim() || null;

/**
 * The pages the accessibility pass looks at: the homepage, every column's list page, and the
 * first N articles each column lists (in list order, the order a visitor meets them). Columns
 * come from the content checks' classification (ColumnName/ColumnType meta, profile rules, or
 * a list of dated links); articles a column does not list are grouped by their ColumnName meta.
 * Deterministic: it depends on the artifacts only, not on the order pages arrived in.
 */
export function samplePages(site: SiteArtifacts, o: SampleOptions = DEFAULT_SAMPLE): SampledPage[] {
  const html = site.pages.filter(isHtmlOk);
  const home = html.find((p) => p.depth === 0);
  const out: SampledPage[] = [];
  const taken = new Set<string>();
  const take = (page: PageArtifact, role: SampleRole, column: string | null) => {
    if (taken.has(page.url) || out.length >= o.maxPages) return;
    taken.add(page.url);
    out.push({ page, role, column });
  };
  if (home) take(home, "home", null);

  const content = siteContent(site);
  const byUrl = new Map(html.map((p) => [p.url, p]));
  const articles = new Set(content.articles.filter(isHtmlOk).map((p) => p.url));
  const columns = content.columns.filter((c) => c.pages[0] && isHtmlOk(c.pages[0]));
  for (const c of columns) take(c.pages[0] as PageArtifact, "column", c.page);

  const picked = new Map<string, PageArtifact[]>();
  for (const c of columns) {
    const list: PageArtifact[] = [];
    for (const p of c.pages)
      for (const it of p.items ?? []) {
        if (list.length >= o.articlesPerColumn) break;
        const a = byUrl.get(it.href);
        if (a && articles.has(a.url) && !list.includes(a)) list.push(a);
      }
    picked.set(c.page, list);
  }
  // Articles no column lists: grouped by the column they declare, URL order within a group.
  const listed = new Set([...picked.values()].flat().map((p) => p.url));
  const byDeclared = new Map<string, PageArtifact[]>();
  for (const url of [...articles].sort()) {
    if (listed.has(url)) continue;
    const p = byUrl.get(url) as PageArtifact;
    const name = metaOf(p, "columnname");
    if (!name) continue;
    const g = byDeclared.get(name) ?? [];
    if (g.length < o.articlesPerColumn) g.push(p);
    byDeclared.set(name, g);
  }
  for (const [col, list] of picked) for (const p of list) take(p, "article", col);
  for (const [name, list] of [...byDeclared].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    for (const p of list) take(p, "article", name);
  return out;
}
