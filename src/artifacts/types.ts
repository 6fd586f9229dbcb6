import type { CharsetSource } from "../encoding/charset.ts";
import type { TargetKind } from "../links/url.ts";
import type { ChecksProfile } from "./checks-profile.ts";
import type { PageDate } from "./dates.ts";
import type { BoardMessage, PageEntries, SearchForm } from "./extract.ts";
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
  /**
   * Links to another host hidden from readers by the page's own markup (`hiding.ts`: style
   * attributes, the hidden attribute, simple rules of its `<style>` blocks): how, by what
   * (`style attribute`, `hidden attribute` or the rule's selector) and on which element (`link`,
   * or the ancestor's tag). At most 50 a page; absent when none.
   */
  hiddenLinks?: { target: string; how: string; by: string; on: string }[];
  /** On the homepage: forms that look like a site search, action resolved; absent when none. */
  searchForms?: SearchForm[];
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
  ipv6?: Ipv6Facts;
  /** A path no site has, asked once (`http.soft-404`); absent when not asked. */
  soft404?: Soft404Probe;
  /** The homepage's search asked for the newest article's title (`search.broken`); absent when not asked. */
  search?: SearchProbe;
  /** The https:// side's certificate, read without trusting it (`https.cert-invalid`); absent when not read. */
  tls?: CertificateFacts;
}

/** What the IPv6 steps learned (src/artifacts/site-steps.ts, src/crawl/site-probes.ts). */
export interface Ipv6Facts {
  /** The host's AAAA records (empty: none, then `error` says why). */
  addresses: string[];
  error: string | null;
  /** The zone's name servers and their AAAA records, when the NS step ran. */
  dns?: Ipv6Dns;
  /** The homepage over IPv6 (the AAAA addresses only) and over IPv4 (A only), when fetched. */
  home?: { v6: FamilyFetch; v4: FamilyFetch };
  /** Second- and third-level pages of the crawl fetched again over IPv6, when fetched. */
  links?: Ipv6Link[];
}

export interface Ipv6Dns {
  /** The nearest name upwards from the host that has NS records; null when none was found. */
  zone: string | null;
  /** Each name server (at most 8), its AAAA records, and why none came when the lookup failed. */
  nameservers: { host: string; addresses: string[]; error: string | null }[];
  /** Why the lookup gave no answer (ETIMEOUT, ESERVFAIL…); null when it did. */
  error: string | null;
}

/** One fetch of a URL restricted to one address family (redirects followed). */
export interface FamilyFetch {
  url: string;
  finalUrl: string;
  status: number | null;
  error: FailureClass | null;
  /** Body bytes (decoded from any content coding), and the page's title; null when none. */
  bytes: number | null;
  title: string | null;
}

export interface Ipv6Link {
  url: string;
  /** 2: linked from the homepage (depth 1); 3: one step further (depth 2). */
  level: 2 | 3;
  status: number | null;
  error: FailureClass | null;
}

export interface Soft404Probe {
  url: string;
  finalUrl: string;
  status: number | null;
  error: FailureClass | null;
  record: string | null;
  /** The page's title, when it has one. */
  title: string | null;
  /** The answer reads like an error page (404, 页面不存在, 找不到…) whatever its status. */
  errorPage: boolean;
}

/**
 * The homepage's search form submitted once as a browser would, its query field filled with the
 * first characters of the newest dated article's title. `skipped`: not submitted (a POST form, or
 * robots.txt disallows its URL); then `url`, `status`… stay null.
 */
export interface SearchProbe {
  /** The article searched for and the query sent. */
  article: string;
  title: string;
  query: string;
  method: "get" | "post";
  url: string | null;
  status: number | null;
  error: FailureClass | null;
  record: string | null;
  /** The results show the query's first characters and do not say nothing was found. */
  found: boolean;
  skipped?: "post" | "robots";
}

/** The certificate presented on the https:// side, read whether or not it verifies. */
export interface CertificateFacts {
  /** The https:// URL whose host and port were asked. */
  url: string;
  host: string;
  port: number;
  /** No certificate was read: why (refused, timeout, tls handshake failure, policy-refused…). */
  error: FailureClass | null;
  /** Subject common name; subjectAltName entries as OpenSSL prints them (`DNS:…`, `IP Address:…`). */
  subject: string | null;
  san: string[];
  issuer: string | null;
  /** ISO 8601. */
  validFrom: string | null;
  validTo: string | null;
  /** OpenSSL's verdict on the chain against the trusted roots (and `--ca`), null when it verifies. */
  authorizationError: string | null;
  /** Why the certificate does not name the host (null: it does). */
  hostError: string | null;
}
