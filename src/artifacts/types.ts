import type { CharsetSource } from "../crawl/charset.ts";
import type { FailureClass } from "../crawl/fetch.ts";
import type { TargetKind } from "../crawl/url.ts";

/** The outcome of fetching one URL (after redirects). */
export interface FetchOutcome {
  url: string;
  finalUrl: string;
  status: number | null;
  error: FailureClass | null;
  /** Total time over all hops, ms. */
  ms: number;
  /** Headers of the final answer, names lower-cased. */
  headers: Record<string, string>;
  /** Number of redirects followed. */
  redirects: number;
  /** Whether any hop redirected to an https: URL. */
  redirectedToHttps: boolean;
  /** WARC record of the final response (or of the failure), when archiving. */
  record: string | null;
}

export interface PageArtifact {
  url: string;
  status: number | null;
  error: FailureClass | null;
  record: string | null;
  contentType: string | null;
  depth: number;
  /** Present for HTML pages. */
  charset: {
    used: string;
    source: CharsetSource;
    header: string | null;
    meta: string | null;
    clean: boolean;
  } | null;
  title: string | null;
  meta: Record<string, string>;
}

/** One distinct link target of the site, with every crawled page that links to it. */
export interface LinkArtifact {
  target: string;
  kind: TargetKind;
  /** Elements it was found in (a, img…), distinct. */
  tags: string[];
  pages: string[];
  status: number | null;
  error: FailureClass | null;
  record: string | null;
}

/** Everything the checks may look at for one site. Checks are pure functions of this. */
export interface SiteArtifacts {
  site: string;
  host: string;
  asOf: string;
  /** The homepage as given (redirects followed). */
  home: FetchOutcome;
  /** The http:// homepage (null when the site was given as https and http was not probed). */
  http: FetchOutcome | null;
  /** The https:// homepage. */
  https: FetchOutcome | null;
  pages: PageArtifact[];
  links: LinkArtifact[];
  counts: { fetched: number; failed: number; skipped: number };
  /** Why a whole-site step did not happen (e.g. robots.txt unreachable). */
  notes: string[];
}
