import { classifyTarget, resolveLink, type TargetKind, urlKey } from "../links/url.ts";

export interface ResolvedLink {
  /** The URL as linked (what is requested). */
  target: string;
  /** Its de-duplication key (the same string when the URL has no query). */
  key: string;
  kind: TargetKind;
  /** The element that linked it (a, img, script, link, iframe, form…). */
  tag: string;
}

/** The URL a page's relative links resolve against, with its origin for root-relative ones. */
export interface PageBase {
  href: string;
  origin: string;
}

const ABSOLUTE = /^\s*https?:\/\//i;

/**
 * A copy of `s` that shares no memory with the page it was cut from. The parser's strings are
 * slices of the whole decoded page, and a key built from one keeps that page alive.
 */
function detached(s: string): string {
  return ` ${s}`.slice(1);
}

/**
 * Resolves a page's raw links to normalised targets and their kind. Most links of a CMS page
 * (navigation, footer, sidebars) repeat on every page of the site, so answers are remembered
 * for the site: parsing the same URL twice per link per page was a large share of the crawl's
 * CPU. Bounded: the memory is dropped when it grows past `max` entries (a site's own repeating
 * links are a few dozen; the rest are one-offs). A remembered answer is the same object each time
 * it is given, which is what lets a page's links cross to the crawler as numbers (link-wire.ts).
 */
export class LinkResolver {
  /**
   * Answers by what they depend on (nothing, the origin, or the base URL: "" / origin / href),
   * then by tag, then by the raw href. Nested, not one key of the three joined: a joined key is a
   * new string to build and hash for every link of every page, the parts are mostly strings whose
   * hashes V8 has already (the page's base and origin are the same string for all its links).
   */
  private memo = new Map<string, Map<string, Map<string, ResolvedLink | null>>>();
  private size = 0;
  /** How many times the memory was dropped: objects from before are never given again. */
  generation = 0;

  constructor(
    private readonly inScope: (u: URL) => boolean,
    private readonly max = 2048,
  ) {}

  base(href: string): PageBase {
    return { href, origin: new URL(href).origin };
  }

  resolve(href: string, tag: string, base: PageBase): ResolvedLink | null {
    // What the answer depends on: an absolute URL on nothing else, a root-relative one on the
    // origin, anything else on the whole base URL. The tag matters to the kind (img → image).
    const context = ABSOLUTE.test(href)
      ? ""
      : href.startsWith("/") && !href.startsWith("//")
        ? base.origin
        : base.href;
    let byTag = this.memo.get(context);
    let byHref = byTag?.get(tag);
    const known = byHref?.get(href);
    if (known !== undefined) return known;
    const target = resolveLink(href, base.href);
    const resolved = target
      ? { target, key: urlKey(target), kind: classifyTarget(target, tag, this.inScope), tag: detached(tag) }
      : null;
    if (this.size >= this.max) {
      this.memo = new Map();
      this.size = 0;
      this.generation++;
      byTag = undefined;
      byHref = undefined;
    }
    if (!byTag) {
      byTag = new Map();
      this.memo.set(detached(context), byTag);
    }
    if (!byHref) {
      byHref = new Map();
      byTag.set(detached(tag), byHref);
    }
    byHref.set(detached(href), resolved);
    this.size++;
    return resolved;
  }
}
