import { XMLParser } from "fast-xml-parser";

const parser = new XMLParser({ ignoreAttributes: true, processEntities: true });

function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** Reads a sitemap or sitemap index; plain-text sitemaps (one URL a line) too. */
export function parseSitemap(text: string): { urls: string[]; sitemaps: string[] } {
  const t = text.trim();
  if (!t.startsWith("<")) {
    return {
      urls: t
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => /^https?:\/\//.test(l)),
      sitemaps: [],
    };
  }
  try {
    const doc = parser.parse(t) as {
      urlset?: { url?: { loc?: string } | { loc?: string }[] };
      sitemapindex?: { sitemap?: { loc?: string } | { loc?: string }[] };
    };
    const urls = asArray(doc.urlset?.url).flatMap((u) => (u.loc ? [String(u.loc).trim()] : []));
    const sitemaps = asArray(doc.sitemapindex?.sitemap).flatMap((u) => (u.loc ? [String(u.loc).trim()] : []));
    return { urls, sitemaps };
  } catch {
    return { urls: [], sitemaps: [] };
  }
}
