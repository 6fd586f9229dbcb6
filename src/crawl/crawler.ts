import type { FetchOutcome, LinkArtifact, PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import { type Exchange, FetchFailure, fetchFollow } from "./fetch.ts";
import { Frontier } from "./frontier.ts";
import type { HostGate } from "./gate.ts";
import { inlineReader, type PageReader } from "./page-reader.ts";
import { parseRobots, type Robots } from "./robots.ts";
import { parseSitemap } from "./sitemap.ts";
import { classifyTarget, normaliseUrl, scopeOf, type TargetKind } from "./url.ts";

/** One request without redirects: live over the network or replayed from a WARC archive. */
export interface Transport {
  once(url: string, method: "GET" | "HEAD", discardBody?: boolean): Promise<Exchange>;
}

export interface CrawlConfig {
  userAgent: string;
  maxPages: number;
  maxDepth: number;
  maxQueryVariants: number;
  perHostConcurrency: number;
  maxRedirects: number;
  maxSitemaps: number;
  /** Upper bound on robots.txt Crawl-delay we honour, ms. */
  maxCrawlDelayMs: number;
  delayMs: number;
  /**
   * false: read only what crawling needs (links, title, meta), not what the content checks read.
   * The crawl benchmark's crawl-only baseline; inspections leave it on.
   */
  contentFacts?: boolean;
}

/** Link-check results shared by every site of a run: each distinct URL is checked once. */
export type LinkCache = Map<string, Promise<Pick<LinkArtifact, "status" | "error" | "record">>>;

interface Ctx {
  cfg: CrawlConfig;
  transport: Transport;
  gate: HostGate;
  delayMs: number;
}

function failureOutcome(url: string, e: unknown, ms: number): FetchOutcome {
  const f = e instanceof FetchFailure ? e : new FetchFailure("network", String(e), url);
  return {
    url,
    finalUrl: url,
    status: null,
    error: f.failure,
    ms,
    headers: {},
    redirects: 0,
    redirectedToHttps: false,
    record: f.recordId ?? null,
  };
}

async function follow(
  ctx: Ctx,
  url: string,
  method: "GET" | "HEAD" = "GET",
  discardBody = false,
): Promise<{ outcome: FetchOutcome; last: Exchange | null }> {
  let ms = 0;
  try {
    const r = await fetchFollow(url, method, ctx.cfg.maxRedirects, (u, m) =>
      ctx.gate.run(
        new URL(u).host,
        async () => {
          const x = await ctx.transport.once(u, m, discardBody);
          ms += x.ms;
          return x;
        },
        ctx.delayMs,
      ),
    );
    const last = r.hops[r.hops.length - 1] as Exchange;
    return {
      outcome: {
        url,
        finalUrl: r.finalUrl,
        status: last.status,
        error: null,
        ms,
        headers: last.headers,
        redirects: r.hops.length - 1,
        redirectedToHttps: r.hops.some((h) => {
          const loc = h.headers.location;
          try {
            return loc !== undefined && new URL(loc, h.url).protocol === "https:";
          } catch {
            return false;
          }
        }),
        record: last.recordId ?? null,
      },
      last,
    };
  } catch (e) {
    return { outcome: failureOutcome(url, e, ms), last: null };
  }
}

const isOk = (o: { status: number | null }) => o.status !== null && o.status >= 200 && o.status < 400;

function isHtml(x: Exchange): boolean {
  const ct = x.headers["content-type"];
  if (ct) return /html|xml\+xhtml/i.test(ct);
  return /^\s*</.test(Buffer.from(x.body.subarray(0, 64)).toString("latin1"));
}

function swapScheme(url: string, scheme: "http:" | "https:"): string {
  const u = new URL(url);
  u.protocol = scheme;
  u.port = "";
  return u.href;
}

/**
 * Crawls one site and checks its links. Never throws for network reasons: a failed site yields
 * artifacts that say what failed.
 */
export async function crawlSite(
  site: string,
  asOf: string,
  cfg: CrawlConfig,
  transport: Transport,
  gate: HostGate,
  linkCache: LinkCache,
  httpsPort?: { http: string; https: string },
  reader: PageReader = inlineReader,
): Promise<SiteArtifacts> {
  const start = normaliseUrl(site) ?? site;
  const siteUrl = new URL(start);
  const ctx: Ctx = { cfg, transport, gate, delayMs: cfg.delayMs };
  const notes: string[] = [];

  // 1. Homepage, and the other scheme to learn about HTTPS.
  const home = await follow(ctx, start);
  let http: FetchOutcome | null = null;
  let https: FetchOutcome | null = null;
  const otherUrl = (scheme: "http:" | "https:") => {
    // Tests and the demo serve the two schemes on different ports; the real web uses defaults.
    if (httpsPort) return scheme === "https:" ? httpsPort.https : httpsPort.http;
    return swapScheme(start, scheme);
  };
  if (siteUrl.protocol === "https:") {
    https = home.outcome;
    http = (await follow(ctx, otherUrl("http:"), "GET", true)).outcome;
  } else {
    http = home.outcome;
    if (home.outcome.finalUrl.startsWith("https:")) https = home.outcome;
    else https = (await follow(ctx, otherUrl("https:"), "GET", true)).outcome;
  }

  const pages: PageArtifact[] = [];
  const links = new Map<string, LinkArtifact>();
  const base: SiteArtifacts = {
    site,
    host: siteUrl.hostname,
    asOf,
    home: home.outcome,
    http,
    https,
    pages,
    links: [],
    counts: { fetched: 0, failed: 0, skipped: 0 },
    notes,
  };
  if (!isOk(home.outcome) || !home.last) {
    base.counts.failed = 1;
    return base;
  }

  // 2. robots.txt and sitemaps, from the host the homepage ended on.
  const root = new URL(home.outcome.finalUrl);
  const inScope = scopeOf(home.outcome.finalUrl);
  const robotsUrl = new URL("/robots.txt", root).href;
  const r = await follow(ctx, robotsUrl);
  const robots: Robots = parseRobots(
    robotsUrl,
    r.outcome.error ? null : r.outcome.status,
    r.last ? Buffer.from(r.last.body).toString("utf8") : "",
    cfg.userAgent,
  );
  if (r.outcome.error || (r.outcome.status ?? 0) >= 500)
    notes.push("robots.txt unreachable: nothing crawled");
  if (robots.crawlDelayS !== undefined)
    ctx.delayMs = Math.max(cfg.delayMs, Math.min(cfg.maxCrawlDelayMs, robots.crawlDelayS * 1000));

  const frontier = new Frontier(
    { maxPages: cfg.maxPages, maxDepth: cfg.maxDepth, maxQueryVariants: cfg.maxQueryVariants },
    (u) => robots.isAllowed(u),
  );
  const crawled = new Map<
    string,
    { status: number | null; error: FetchOutcome["error"]; record: string | null }
  >();

  const addLink = (target: string, kind: TargetKind, tag: string, page: string) => {
    let l = links.get(target);
    if (!l) {
      l = { target, kind, tags: [], pages: [], status: null, error: null, record: null };
      links.set(target, l);
    }
    if (!l.tags.includes(tag)) l.tags.push(tag);
    if (l.pages[l.pages.length - 1] !== page) l.pages.push(page);
  };

  const siteReader = reader.site(cfg, home.outcome.finalUrl);
  try {
    const processPage = async (
      url: string,
      depth: number,
      pre?: { outcome: FetchOutcome; last: Exchange | null },
    ) => {
      const { outcome, last } = pre ?? (await follow(ctx, url));
      crawled.set(url, { status: outcome.status, error: outcome.error, record: outcome.record });
      if (outcome.finalUrl !== url) crawled.set(outcome.finalUrl, crawled.get(url) as never);
      const page: PageArtifact = {
        url,
        status: outcome.status,
        error: outcome.error,
        record: outcome.record,
        contentType: outcome.headers["content-type"] ?? null,
        depth,
        charset: null,
        title: null,
        meta: {},
      };
      const at = pages.push(page) - 1;
      if (!last || !isOk(outcome)) {
        base.counts.failed++;
        return;
      }
      base.counts.fetched++;
      if (!isHtml(last)) return;
      const facts = await siteReader.read({
        body: last.body,
        contentType: last.headers["content-type"],
        finalUrl: outcome.finalUrl,
        depth,
        contentFacts: cfg.contentFacts !== false,
      });
      page.charset = facts.charset;
      if (facts.fields) Object.assign(page, facts.fields);
      page.title = facts.title;
      page.meta = facts.meta;
      for (const l of facts.links) {
        if (l.kind === "page") {
          if (l.tag === "form") continue; // a form's action is not a page to crawl
          frontier.offer(l.target, depth + 1);
        }
        addLink(l.target, l.kind, l.tag, url);
      }
      pages[at] = page;
    };

    // 3. Breadth-first crawl, the homepage first (already fetched), sitemap URLs next.
    frontier.offer(start, 0);
    frontier.next();
    await processPage(start, 0, home);
    const sitemapQueue =
      robots.sitemaps.length > 0 ? [...robots.sitemaps] : [new URL("/sitemap.xml", root).href];
    for (let i = 0; i < sitemapQueue.length && i < cfg.maxSitemaps; i++) {
      const smUrl = sitemapQueue[i] as string;
      if (!robots.isAllowed(smUrl)) continue;
      const sm = await follow(ctx, smUrl);
      if (!sm.last || !isOk(sm.outcome)) continue;
      const parsed = parseSitemap(Buffer.from(sm.last.body).toString("utf8"));
      for (const s of parsed.sitemaps) sitemapQueue.push(s);
      for (const u of parsed.urls) {
        const n = normaliseUrl(u);
        if (n && inScope(new URL(n)) && classifyTarget(n, "a", inScope) === "page") frontier.offer(n, 1);
      }
    }

    let inflight = 0;
    const waiters: (() => void)[] = [];
    const notify = () => {
      for (const w of waiters.splice(0)) w();
    };
    const worker = async () => {
      for (;;) {
        const item = frontier.next();
        if (!item) {
          if (inflight === 0) {
            notify();
            return;
          }
          await new Promise<void>((res) => waiters.push(res));
          continue;
        }
        inflight++;
        try {
          await processPage(item.url, item.depth);
        } finally {
          inflight--;
          notify();
        }
      }
    };
    const workers = Array.from({ length: Math.max(1, cfg.perHostConcurrency) }, worker);
    await Promise.all(workers);
    base.counts.skipped = frontier.skippedTotal;

    // 4. Link targets: crawled pages have their answer; everything else is checked once per run.
    const own: LinkArtifact[] = [];
    const external: LinkArtifact[] = [];
    for (const l of links.values()) {
      if (l.kind === "page") {
        const c = crawled.get(l.target);
        if (c) Object.assign(l, c);
        continue;
      }
      // Nothing behind a robots.txt disallow of this site is fetched, not even to check it.
      if (l.kind !== "external" && !robots.isAllowed(l.target)) continue;
      (l.kind === "external" ? external : own).push(l);
    }
    // A few workers rather than every check at once: the gate lets no more than that through to a
    // host anyway, and hundreds of suspended checks per site were a good part of a big run's
    // memory. Other hosts have workers of their own, so a dead one does not hold up the site's files.
    await Promise.all([
      checkEach(own, Math.max(1, cfg.perHostConcurrency), (url) => checkTarget(ctx, url)),
      checkEach(external, EXTERNAL_CHECKERS, (url) => {
        // Other hosts are shared by many sites (run-wide cache); this site's own files are not, and
        // keeping them run-wide would grow with the whole crawl.
        let p = linkCache.get(url);
        if (!p) {
          p = checkTarget(ctx, url);
          linkCache.set(url, p);
        }
        return p;
      }),
    ]);
    // Targets never fetched (beyond limits, disallowed) are left out: unknown is not broken.
    base.links = [...links.values()].filter((l) => l.status !== null || l.error !== null);
  } finally {
    siteReader.release();
  }
  return base;
}

/** External link checks of one site in flight at once (each to a host of its own, often). */
const EXTERNAL_CHECKERS = 16;

type CheckResult = Pick<LinkArtifact, "status" | "error" | "record">;

/** Checks `targets` with `workers` checks at a time, writing each answer onto its link. */
async function checkEach(
  targets: LinkArtifact[],
  workers: number,
  check: (url: string) => Promise<CheckResult>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const l = targets[next++] as LinkArtifact;
      Object.assign(l, await check(l.target));
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, targets.length) }, worker));
}

/** HEAD first; GET (body dropped) where HEAD is refused or fails oddly. */
async function checkTarget(ctx: Ctx, url: string): Promise<CheckResult> {
  const head = await follow(ctx, url, "HEAD");
  const o = head.outcome;
  const retry =
    o.status === 405 || o.status === 501 || o.status === 403 || o.error === "reset" || o.error === "network";
  const final = retry ? (await follow(ctx, url, "GET", true)).outcome : o;
  return { status: final.status, error: final.error, record: final.record };
}
