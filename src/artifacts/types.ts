import type { CharsetSource } from "../encoding/charset.ts";
import type { TargetKind } from "../links/url.ts";
import type { ChecksProfile } from "./checks-profile.ts";
import type { PageDate } from "./dates.ts";
import type { BoardMessage, PageEntries } from "./extract.ts";
import type { FooterFacts } from "./footer.ts";
import type { StatsKind } from "./topics.ts";
import type { WordingHit } from "./wording.ts";

/** Why a fetch got no answer (docs/inspection.md lists them). */
export type FailureClass =
  | "dns"
  | "refused"
  | "reset"
  | "timeout"
  | "tls"
  | "too-large"
  | "redirect-loop"
  | "too-many-redirects"
  | "policy-refused"
  | "bad-url"
  | "network";

/** A remark on a site's inspection, in both languages; `code` is stable, for machines. */
export interface Note {
  code: string;
  zh: string;
  en: string;
}

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

/** A term of the defacement dictionary in a page's text, or in its title (`inTitle`). */
export type DefacementHit = WordingHit & { inTitle?: true };

/** An entry of a list on a page: its link and the date shown with it (null: none). */
export interface PageItem {
  href: string;
  date: PageDate | null;
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
  // The content facts below are set for HTML pages (src/artifacts/page.ts); a page without them
  // was not HTML or not read.
  /** List entries, hrefs absolute (undated ones only on column pages). */
  items?: PageItem[];
  /** The page's own date: `PubDate`-like meta, a labelled date (发布时间：…), else null. */
  date?: PageDate | null;
  /** The first date in the text outside any list (an article's byline when it has no label). */
  freeDate?: PageDate | null;
  messages?: BoardMessage[];
  entries?: PageEntries;
  footer?: FooterFacts;
  /** The page says its list is empty (暂无信息). */
  saysEmpty?: boolean;
  /** Navigation links (short link texts), kept for the homepage only. */
  nav?: { href: string; text: string }[];
  /** 办事指南 elements present, when the page is a service guide; null otherwise. */
  guide?: string[] | null;
  /** Names of renamed bodies in the text, old and current (see wording.outdated-name). */
  outdated?: WordingHit[];
  /** Terms of the profile's wording dictionaries in the text. */
  flagged?: WordingHit[];
  /** Terms of the defacement dictionary in the title or text, at most 20; absent when none. */
  defaced?: DefacementHit[];
  /**
   * Subresources (`tag`: script, stylesheet, iframe, frame, img, embed, source) this https page
   * loads over plain http, resolved; absent when none. At most 64 subresources are read a page.
   */
  insecure?: { tag: string; url: string }[];
  /** Distinct hosts other than the page's own that it loads `<script src>` from; absent when none. */
  scriptHosts?: string[];
  /**
   * Years of the 政府信息公开工作年度报告 the page is (its title) or links to (a link text, or a year
   * alone in a list of the reports), newest first; absent when none.
   */
  annualReports?: number[];
  /**
   * Links naming statistics of 办件 (`service`) or of message handling (`message`), with the date a
   * list shows beside them (null: none) and their text (40 characters at most); absent when none.
   */
  stats?: { kind: StatsKind; href: string; text: string; date: PageDate | null }[];
  /**
   * Links whose text says they lead to an interpretation (相关解读, 一图读懂…) or a policy document
   * (原文, 《…办法》, 关于…的通知), in page order, at most 20; absent when none.
   */
  related?: { href: string; to: "interpretation" | "document" }[];
  /**
   * On the homepage and the pages it links to (depth ≤ 1): the ids of the required columns of
   * `src/checks/data/required-columns.yaml` its link texts name; absent when none.
   */
  namesColumns?: string[];
  /** Items were read with the profile's selectors rather than the heuristics. */
  selectorItems?: boolean;
  /** Why the page, though fetched, could not be read (its reader ran out of memory or time). */
  unread?: string;
  /** How deep its elements nest at most. */
  nesting?: number;
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
  /** What the reader of the report should know: a step that did not happen, a limit that cut in. */
  notes: Note[];
  /**
   * The crawl ended before it was done: the site's time budget passed, the watchdog found it
   * stalled, the run was cancelled, or an error in the engine (then `message` says what).
   */
  ended?: { reason: "budget" | "stall" | "cancelled" | "error"; message: string; zh?: string };
  /** The content checks' settings for this site (from the profile), when there are any. */
  profile?: ChecksProfile;
  /** AAAA lookup of the host, when the engine ran that step (`addresses` empty: none). */
  ipv6?: { addresses: string[]; error: string | null };
}
