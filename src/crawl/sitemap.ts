/**
 * The most of one sitemap file that is read. The protocol allows 50 MB and 50,000 URLs; past
 * this the first part is read (the frontier is full long before: a site's crawl takes hundreds of
 * pages, not millions).
 */
export const SITEMAP_MAX_BYTES = 5 * 2 ** 20;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s
    .replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, "$1")
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] as string)
    .trim();
}

export interface SitemapVisitor {
  /** A sitemap named by a sitemap index. */
  sitemap(url: string): void;
  /** A page URL; return false to stop reading. */
  url(url: string): boolean;
}

/**
 * Reads a sitemap or sitemap index (XML, or plain text with one URL a line) one `<loc>` at a
 * time, without building a document: a sitemap of a million URLs costs its text and nothing per
 * entry, and a file cut short (SITEMAP_MAX_BYTES) still gives every entry before the cut.
 */
export function readSitemap(text: string, visit: SitemapVisitor): void {
  const head = text.slice(0, 2048);
  if (!head.trimStart().startsWith("<")) {
    for (const line of text.split(/\r?\n/)) {
      const l = line.trim();
      if (/^https?:\/\//.test(l) && !visit.url(l)) return;
    }
    return;
  }
  const index = /<sitemapindex\b/i.test(text.slice(0, 64 * 1024));
  const loc = /<loc>\s*([^<]*(?:<!\[CDATA\[[\s\S]*?\]\]>)?[^<]*)\s*<\/loc>/gi;
  for (let m = loc.exec(text); m; m = loc.exec(text)) {
    const u = unescapeXml(m[1] as string);
    if (!u) continue;
    if (index) visit.sitemap(u);
    else if (!visit.url(u)) return;
  }
}

/** The whole of a sitemap as lists (tests, small files). */
export function parseSitemap(text: string): { urls: string[]; sitemaps: string[] } {
  const out = { urls: [] as string[], sitemaps: [] as string[] };
  readSitemap(text, {
    sitemap: (s) => void out.sitemaps.push(s),
    url: (u) => {
      out.urls.push(u);
      return true;
    },
  });
  return out;
}
