import { extractFacts } from "../artifacts/extract.ts";
import { extractLinks } from "../artifacts/extract-links.ts";
import { pageFields } from "../artifacts/page.ts";
import type { PageArtifact } from "../artifacts/types.ts";
import { decodeBody } from "./charset.ts";

/** One fetched HTML page to read. `cfg` is the site's crawl configuration (its profile's checks). */
export interface PageInput {
  body: Uint8Array;
  contentType: string | undefined;
  finalUrl: string;
  depth: number;
  /** false: links, title and meta only (the crawl-only baseline). */
  contentFacts: boolean;
}

/** What the crawler learns from a page: its artifact fields and the links to follow. */
export interface PageReading {
  charset: NonNullable<PageArtifact["charset"]>;
  title: string | null;
  meta: Record<string, string>;
  /** The content facts the checks read (absent with `contentFacts: false`). */
  fields: Partial<PageArtifact> | null;
  links: { href: string; tag: string }[];
  base: string | null;
}

/** Decodes and reads one page: pure, the same in the crawler's thread and in a reader thread. */
export function readPage(i: PageInput, cfg: object): PageReading {
  const d = decodeBody(i.body, i.contentType);
  const charset = { used: d.charset, source: d.source, header: d.header, meta: d.meta, clean: d.clean };
  if (!i.contentFacts) {
    const f = extractLinks(d.text);
    return { charset, title: f.title, meta: f.meta, fields: null, links: f.links, base: f.base };
  }
  const f = extractFacts(d.text);
  return {
    charset,
    title: f.title,
    meta: f.meta,
    fields: pageFields(f, i.finalUrl, i.depth, cfg, d.text),
    links: f.links,
    base: f.base,
  };
}
