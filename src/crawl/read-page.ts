import { extractFacts } from "../artifacts/extract.ts";
import { extractLinks } from "../artifacts/extract-links.ts";
import { pageFields } from "../artifacts/page.ts";
import type { PageArtifact } from "../artifacts/types.ts";
import { decodeBody } from "../encoding/charset.ts";
import { resolveLink, scopeOf } from "../links/url.ts";
import { LinkResolver, type ResolvedLink } from "./link-resolver.ts";
import { dropRawText } from "./raw-text.ts";

/** One fetched HTML page to read. */
export interface PageInput {
  body: Uint8Array;
  contentType: string | undefined;
  finalUrl: string;
  depth: number;
  /** false: links, title and meta only (the crawl-only baseline). */
  contentFacts: boolean;
  /** Links read from the page, at most (a page of 200,000 links is read as its first ones). */
  maxLinks?: number;
}

/** What the crawler learns from a page: its artifact fields and the links to follow. */
export interface PageReading {
  charset: NonNullable<PageArtifact["charset"]>;
  title: string | null;
  meta: Record<string, string>;
  /** The content facts the checks read (absent with `contentFacts: false`). */
  fields: Partial<PageArtifact> | null;
  /**
   * The page's links, resolved against its base and classified (unusable ones left out), at most
   * `maxLinks` of them. `target` is the URL as linked; `key` its de-duplication key (a query in
   * another order). The same link is the same object on every page of the site read by the same
   * reader (see link-wire.ts): treat them as read-only.
   */
  links: ResolvedLink[];
  /** Links past `maxLinks`, not read. */
  linksCut: number;
}

/** A site as its pages' reader knows it: the profile's check settings and its link scope. */
export interface SiteReading {
  cfg: object;
  resolver: LinkResolver;
}

/** A site's reading state: `scope` is the URL its homepage ended on. */
export function siteReading(cfg: object, scope: string): SiteReading {
  return { cfg, resolver: new LinkResolver(scopeOf(scope)) };
}

/**
 * Decodes and reads one page, the same in the crawler's thread and in a reader thread. Pure but
 * for the site's link memo (see LinkResolver).
 */
/**
 * Whether a page's <style> rules are read for hidden links: on the homepage and the pages it
 * links, and on one page in ten below them (by URL, the same on every run). 暗链 are planted in
 * the templates every page shares, or on the homepage; reading every page's rules cost the
 * reading of a page 5–15 %. Style attributes and the hidden attribute are read on every page.
 */
export function readsStyles(i: Pick<PageInput, "depth" | "finalUrl">): boolean {
  if (i.depth <= 1) return true;
  let h = 0;
  for (let k = 0; k < i.finalUrl.length; k++) h = (h * 31 + i.finalUrl.charCodeAt(k)) | 0;
  return (h >>> 0) % 10 === 0;
}

export function readPage(i: PageInput, site: SiteReading): PageReading {
  // Script and style bodies are dropped before decoding: nothing read from a page is in them but
  // the style rules that can hide a link, which are kept aside undecoded (content facts only).
  const styles: string[] | undefined = i.contentFacts && readsStyles(i) ? [] : undefined;
  const d = decodeBody(dropRawText(i.body, styles), i.contentType);
  const charset = { used: d.charset, source: d.source, header: d.header, meta: d.meta, clean: d.clean };
  if (!i.contentFacts) {
    const f = extractLinks(d.text);
    return { charset, title: f.title, meta: f.meta, fields: null, ...resolveLinks(f, i, site) };
  }
  const f = extractFacts(d.text, styles);
  return {
    charset,
    title: f.title,
    meta: f.meta,
    fields: pageFields(f, i.finalUrl, i.depth, site.cfg, d.text),
    ...resolveLinks(f, i, site),
  };
}

export const DEFAULT_MAX_LINKS = 5_000;

/** The page's links against its base: `<base href>` where it has one, else its own URL. */
function resolveLinks(
  f: { base: string | null; links: { href: string; tag: string }[] },
  i: PageInput,
  site: SiteReading,
): Pick<PageReading, "links" | "linksCut"> {
  const baseHref = f.base ? (resolveLink(f.base, i.finalUrl) ?? i.finalUrl) : i.finalUrl;
  const base = site.resolver.base(baseHref);
  const max = i.maxLinks ?? DEFAULT_MAX_LINKS;
  const links: ResolvedLink[] = [];
  const n = Math.min(max, f.links.length);
  for (let k = 0; k < n; k++) {
    const l = f.links[k] as { href: string; tag: string };
    const r = site.resolver.resolve(l.href, l.tag, base);
    if (r) links.push(r);
  }
  return { links, linksCut: f.links.length - n };
}
