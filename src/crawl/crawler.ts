import type { FetchOutcome, LinkArtifact, Note, PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import { classifyTarget, resolveLink, scopeOf, urlKey } from "../links/url.ts";
import type { CrawlConfig } from "./config.ts";
import { type Exchange, FetchFailure, fetchFollow, type RequestOptions } from "./fetch.ts";
import { Frontier } from "./frontier.ts";
import type { HostGate } from "./gate.ts";
import type { ResolvedLink } from "./link-resolver.ts";
import { inlineReader, type PageReader, ReadFailure } from "./page-reader.ts";
import { parseRobots, ROBOTS_MAX_BYTES, type Robots } from "./robots.ts";
import { SharedFacts, withTag } from "./shared-facts.ts";
import { newestArticle, PROBE_BYTES, readAnswer, resultsShow, searchUrl, soft404Url } from "./site-probes.ts";
import { SiteEnded, type SiteRun, unsupervised } from "./site-run.ts";
import { readSitemap, SITEMAP_MAX_BYTES } from "./sitemap.ts";
import type { Transport } from "./transport.ts";

type CheckResult = Pick<LinkArtifact, "status" | "error" | "record">;
/** Where a target's tags start: shared, never mutated (see withTag). */
const NO_TAGS: string[] = [];
/** A check begun by a site that ended before it finished: not an answer; check again. */
const ABANDONED = Symbol("abandoned");

/**
 * Link-check results shared by every site of a run: each distinct URL (by its de-duplication
 * key) is checked once. Bounded: past `max` entries the oldest are forgotten (a later site
 * linking one checks it again).
 */
export class LinkCache {
  private readonly entries = new Map<string, Promise<CheckResult | typeof ABANDONED>>();
  constructor(private readonly max = 100_000) {}

  /** The shared answer for `url`, checked by `check` when no site has asked yet. */
  async get(url: string, run: SiteRun, check: () => Promise<CheckResult>): Promise<CheckResult> {
    const key = urlKey(url);
    for (;;) {
      let p = this.entries.get(key);
      if (!p) {
        p = check().catch((e: unknown) => {
          if (e instanceof SiteEnded) return ABANDONED;
          throw e;
        });
        this.entries.set(key, p);
        if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
      }
      const r = await run.wait("link-check", url, p);
      if (r !== ABANDONED) return r;
      if (this.entries.get(key) === p) this.entries.delete(key);
    }
  }
}

/** What one site's crawl works with. */
export interface SiteCrawl {
  cfg: CrawlConfig;
  transport: Transport;
  gate: HostGate;
  linkCache: LinkCache;
  /** The site's supervision (budget, stall watchdog); unsupervised when absent. */
  run?: SiteRun;
  reader?: PageReader;
  /** Where the other scheme lives (tests serve http and https on separate ports). */
  httpsPort?: { http: string; https: string } | undefined;
}

interface Ctx {
  cfg: CrawlConfig;
  transport: Transport;
  gate: HostGate;
  run: SiteRun;
  delayMs: number;
  /** Hosts that refused a HEAD (405, 501): their links are checked by GET straight away. */
  noHead: Set<string>;
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

/**
 * Fetches `url`, following redirects through the gate and the transport. Network trouble comes
 * back as a failed outcome; only the end of the site (SiteEnded) is thrown.
 */
async function follow(
  ctx: Ctx,
  url: string,
  method: "GET" | "HEAD" = "GET",
  req: RequestOptions = {},
): Promise<{ outcome: FetchOutcome; last: Exchange | null }> {
  let ms = 0;
  try {
    const r = await fetchFollow(url, method, ctx.cfg.maxRedirects, (u, m) =>
      ctx.gate.run(
        new URL(u).host,
        async () => {
          const x = await ctx.run.wait("request", `${m} ${u}`, ctx.transport.once(u, m, req));
          ms += x.ms;
          return x;
        },
        ctx.delayMs,
        ctx.run,
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
    if (e instanceof SiteEnded) throw e;
    return { outcome: failureOutcome(url, e, ms), last: null };
  }
}

const isOk = (o: { status: number | null }) => o.status !== null && o.status >= 200 && o.status < 400;

function isHtml(x: Exchange): boolean {
  const ct = x.headers["content-type"];
  if (ct) return /html|xml\+xhtml/i.test(ct);
  return /^\s*</.test(Buffer.from(x.body.subarray(0, 64)).toString("latin1"));
}

/**
 * The homepage on the other scheme: the same host on that scheme's default port (443, 80),
 * whatever port the site itself is on. That is where `https://` + the host takes a browser, and a
 * port serves one protocol, so `https://host:8080/` for `http://host:8080/` would only time out
 * or fail the handshake, and any other port would be a guess. A redirect the homepage makes to
 * https on some port is taken as it is, without a probe. The report says which URL and port the
 * `https.*` checks rest on (`https.probed`, `https.port`).
 */
export function otherSchemeUrl(url: string, scheme: "http:" | "https:"): string {
  const u = new URL(url);
  u.protocol = scheme;
  u.port = "";
  return u.href;
}

/** Page fetches that fail in a row at the network level before the site is taken as gone. */
const DEAD_AFTER = 20;

const note = (code: string, zh: string, en: string): Note => ({ code, zh, en });

/**
 * Crawls one site and checks its links. Never throws: a failed site yields artifacts that say what
 * failed, and a site that is ended (budget, stall) or that breaks the crawler yields what was
 * learned until then, with `ended` saying why.
 */
export async function crawlSite(site: string, asOf: string, c: SiteCrawl): Promise<SiteArtifacts> {
  const start = resolveLink(site) ?? site;
  const siteUrl = new URL(start);
  const run = c.run ?? unsupervised(site);
  const ctx: Ctx = {
    cfg: c.cfg,
    transport: c.transport,
    gate: c.gate,
    run,
    delayMs: c.cfg.delayMs,
    noHead: new Set(),
  };
  const notFetched = failureOutcome(start, new FetchFailure("network", "not fetched", start), 0);
  const a: SiteArtifacts = {
    site,
    host: siteUrl.hostname,
    asOf,
    home: notFetched,
    http: null,
    https: null,
    pages: [],
    links: [],
    counts: { fetched: 0, failed: 0, skipped: 0 },
    notes: [],
  };
  try {
    await crawlInto(a, start, ctx, c);
  } catch (e) {
    const ended =
      e instanceof SiteEnded
        ? { reason: e.reason, message: e.message, zh: e.zh }
        : { reason: "error" as const, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    a.ended = ended;
    // Ended before the homepage answered: it did not answer within the site's limits.
    if (e instanceof SiteEnded && a.home === notFetched) {
      a.home = failureOutcome(start, new FetchFailure("timeout", e.message, start), 0);
      a.counts.failed = 1;
    }
  }
  return a;
}

async function crawlInto(a: SiteArtifacts, start: string, ctx: Ctx, c: SiteCrawl): Promise<void> {
  const { cfg, run } = ctx;
  const siteUrl = new URL(start);
  // 1. Homepage, and the other scheme to learn about HTTPS.
  const home = await follow(ctx, start);
  a.home = home.outcome;
  const otherUrl = (scheme: "http:" | "https:") => {
    // Tests and the demo serve the two schemes on ports of their own.
    if (c.httpsPort) return scheme === "https:" ? c.httpsPort.https : c.httpsPort.http;
    return otherSchemeUrl(start, scheme);
  };
  if (siteUrl.protocol === "https:") {
    a.https = home.outcome;
    a.http = (await follow(ctx, otherUrl("http:"), "GET", { discardBody: true })).outcome;
  } else {
    a.http = home.outcome;
    if (home.outcome.finalUrl.startsWith("https:")) a.https = home.outcome;
    else a.https = (await follow(ctx, otherUrl("https:"), "GET", { discardBody: true })).outcome;
  }
  if (!isOk(home.outcome) || !home.last) {
    a.counts.failed = 1;
    return;
  }

  // 2. robots.txt and sitemaps, from the host the homepage ended on.
  const root = new URL(home.outcome.finalUrl);
  const inScope = scopeOf(home.outcome.finalUrl);
  const robotsUrl = new URL("/robots.txt", root).href;
  const r = await follow(ctx, robotsUrl, "GET", { truncateAt: ROBOTS_MAX_BYTES });
  const robots: Robots = parseRobots(
    robotsUrl,
    r.outcome.error ? null : r.outcome.status,
    r.last ? Buffer.from(r.last.body).toString("utf8") : "",
    cfg.userAgent,
  );
  if (r.last?.truncated)
    a.notes.push(
      note(
        "robots-truncated",
        `robots.txt 超过 ${ROBOTS_MAX_BYTES / 1024} KiB，只读取了前 ${ROBOTS_MAX_BYTES / 1024} KiB`,
        `robots.txt is over ${ROBOTS_MAX_BYTES / 1024} KiB: only its first ${ROBOTS_MAX_BYTES / 1024} KiB were read`,
      ),
    );
  if (r.outcome.error || (r.outcome.status ?? 0) >= 500)
    a.notes.push(
      note(
        "robots-unreachable",
        "robots.txt 无法访问：未抓取任何页面",
        "robots.txt unreachable: nothing crawled",
      ),
    );
  if (robots.crawlDelayS !== undefined)
    ctx.delayMs = Math.max(cfg.delayMs, Math.min(cfg.maxCrawlDelayMs, robots.crawlDelayS * 1000));

  // A path no site has, asked once: a site that answers it with a page (http.soft-404) answers
  // its broken links so too. Through the transport, so it is archived and a recheck replays it.
  const probeUrl = soft404Url(root.href);
  if (robots.isAllowed(probeUrl)) {
    const p = await follow(ctx, probeUrl, "GET", { truncateAt: PROBE_BYTES });
    const read = p.last
      ? readAnswer(p.last.body, p.last.headers["content-type"], new URL(probeUrl).pathname)
      : null;
    a.soft404 = {
      url: probeUrl,
      finalUrl: p.outcome.finalUrl,
      status: p.outcome.status,
      error: p.outcome.error,
      record: p.outcome.record,
      title: read?.title ?? null,
      errorPage: read?.errorPage ?? false,
    };
  }

  const frontier = new Frontier(
    { maxPages: cfg.maxPages, maxDepth: cfg.maxDepth, maxQueryVariants: cfg.maxQueryVariants },
    (u) => robots.isAllowed(u),
  );
  const crawled = new Map<string, CheckResult>();
  const links = new Map<string, LinkArtifact>();
  const shared = new SharedFacts();
  let targetsCut = 0;

  // What each link object has been made into: a reader gives the same object for the same link
  // on every page (link-wire.ts), so most of a page's links are found here without a lookup by URL.
  const linkOf = new WeakMap<ResolvedLink, LinkArtifact>();
  const addLink = (link: ResolvedLink, page: string) => {
    let l = linkOf.get(link);
    if (!l) {
      l = links.get(link.key);
      if (!l) {
        if (links.size >= cfg.maxLinkTargets) {
          targetsCut++;
          return;
        }
        l = {
          target: link.target,
          kind: shared.text(link.kind),
          tags: NO_TAGS,
          pages: [],
          status: null,
          error: null,
          record: null,
        };
        links.set(link.key, l);
      }
      l.tags = withTag(l.tags, shared.text(link.tag));
      linkOf.set(link, l);
    }
    if (l.pages[l.pages.length - 1] !== page) l.pages.push(page);
  };

  const siteReader = (c.reader ?? inlineReader).site(cfg, home.outcome.finalUrl);
  let unread = 0;
  let linksCut = 0;
  let failingInARow = 0;
  let crawlCut: "budget" | "dead" | null = null;
  try {
    const processPage = async (url: string, depth: number, pre?: Awaited<ReturnType<typeof follow>>) => {
      const { outcome, last } = pre ?? (await follow(ctx, url));
      const answer = { status: outcome.status, error: outcome.error, record: outcome.record };
      crawled.set(urlKey(url), answer);
      if (outcome.finalUrl !== url) crawled.set(urlKey(outcome.finalUrl), answer);
      const page: PageArtifact = {
        url,
        status: outcome.status,
        error: outcome.error,
        record: outcome.record,
        contentType: shared.text(outcome.headers["content-type"] ?? null),
        depth,
        charset: null,
        title: null,
        meta: {},
      };
      const at = a.pages.push(page) - 1;
      run.pagesDone++;
      if (!last || !isOk(outcome)) {
        a.counts.failed++;
        run.pagesFailed++;
        const network =
          outcome.error === "timeout" || outcome.error === "refused" || outcome.error === "reset";
        failingInARow = network ? failingInARow + 1 : 0;
        return;
      }
      failingInARow = 0;
      a.counts.fetched++;
      if (!isHtml(last)) return;
      let facts: Awaited<ReturnType<typeof siteReader.read>>;
      try {
        facts = await run.wait(
          "page-reader",
          url,
          siteReader.read({
            body: last.body,
            contentType: last.headers["content-type"],
            finalUrl: outcome.finalUrl,
            depth,
            contentFacts: cfg.contentFacts !== false,
            maxLinks: cfg.maxLinksPerPage,
          }),
        );
      } catch (e) {
        if (!(e instanceof ReadFailure)) throw e;
        // A page that breaks its reader (out of memory, a parser's stack, too long) is that
        // page's loss: the site goes on.
        page.unread = e.message;
        unread++;
        return;
      }
      page.charset = shared.same(facts.charset);
      if (facts.fields) {
        Object.assign(page, facts.fields);
        if (page.footer) page.footer = shared.same(page.footer);
        if (page.entries) page.entries = shared.same(page.entries);
      }
      page.title = facts.title;
      page.meta = shared.same(facts.meta);
      linksCut += facts.linksCut;
      for (const l of facts.links) {
        if (l.kind === "page") {
          if (l.tag === "form") continue; // a form's action is not a page to crawl
          frontier.offer(l.target, l.key, depth + 1);
        }
        addLink(l, url);
      }
      a.pages[at] = page;
    };

    // 3. Breadth-first crawl, the homepage first (already fetched), sitemap URLs next.
    frontier.offer(start, urlKey(start), 0);
    frontier.next();
    await processPage(start, 0, home);
    await seedFromSitemaps(ctx, a, robots, root, inScope, frontier);

    let inflight = 0;
    const waiters: (() => void)[] = [];
    const notify = () => {
      for (const w of waiters.splice(0)) w();
    };
    const worker = async () => {
      for (;;) {
        run.check();
        if (crawlCut === null && performance.now() > run.crawlDeadline) crawlCut = "budget";
        if (crawlCut === null && failingInARow >= DEAD_AFTER) crawlCut = "dead";
        const item = crawlCut === null ? frontier.next() : undefined;
        if (!item) {
          if (inflight === 0) {
            notify();
            return;
          }
          // Woken when a page in flight finishes (it may add to the frontier); those pages' own
          // waits are supervised, so an ended site wakes this too.
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
  } finally {
    siteReader.release();
    a.counts.skipped = frontier.skippedTotal + frontier.pending;
    if (crawlCut === "budget")
      a.notes.push(
        note(
          "crawl-budget",
          `抓取用完了网站时间预算的三分之二（${Math.round(run.budgetMs / 1000)} 秒的预算），其余时间留给链接检查；${frontier.pending} 个页面未抓取`,
          `crawling used two thirds of the site's time budget (${Math.round(run.budgetMs / 1000)} s), the rest was left to link checks; ${frontier.pending} pages not fetched`,
        ),
      );
    if (crawlCut === "dead")
      a.notes.push(
        note(
          "site-stopped-answering",
          `连续 ${DEAD_AFTER} 个页面请求超时或连接失败，停止抓取；${frontier.pending} 个页面未抓取`,
          `${DEAD_AFTER} page requests in a row timed out or failed to connect: crawling stopped; ${frontier.pending} pages not fetched`,
        ),
      );
    if (unread > 0)
      a.notes.push(
        note(
          "pages-unread",
          `${unread} 个页面无法读取（解析器内存或时间超限），见各页面的 unread`,
          `${unread} pages could not be read (the reader ran out of memory or time): see each page's unread`,
        ),
      );
    if (linksCut > 0)
      a.notes.push(
        note(
          "links-per-page",
          `有页面的链接超过 ${cfg.maxLinksPerPage} 个，多出的 ${linksCut} 个未读取`,
          `pages with more than ${cfg.maxLinksPerPage} links: ${linksCut} links beyond that were not read`,
        ),
      );
    if (targetsCut > 0)
      a.notes.push(
        note(
          "link-targets",
          `不同链接目标超过 ${cfg.maxLinkTargets} 个，其余 ${targetsCut} 个链接未记录、未检查`,
          `more than ${cfg.maxLinkTargets} distinct link targets: ${targetsCut} further links were not recorded or checked`,
        ),
      );
    // What was learned of the targets until now, whatever ends the crawl.
    settleLinks(a, links, crawled);
    run.onCrawled?.(a.pages.length);
  }

  // The homepage's search asked for the newest article, once, through the transport (archived).
  await probeSearch(a, ctx, robots);

  // 4. Link targets: crawled pages have their answer; everything else is checked once per run.
  const own: LinkArtifact[] = [];
  const external: LinkArtifact[] = [];
  for (const l of links.values()) {
    if (l.kind === "page") continue;
    // Nothing behind a robots.txt disallow of this site is fetched, not even to check it.
    if (l.kind !== "external" && !robots.isAllowed(l.target)) continue;
    (l.kind === "external" ? external : own).push(l);
  }
  // A few workers rather than every check at once: the gate lets no more than that through to a
  // host anyway, and hundreds of suspended checks per site were a good part of a big run's
  // memory. Other hosts have workers of their own, so a dead one does not hold up the site's files.
  try {
    await Promise.all([
      checkEach(own, Math.max(1, cfg.perHostConcurrency), (url) => checkTarget(ctx, url)),
      checkEach(external, EXTERNAL_CHECKERS, (url) => c.linkCache.get(url, run, () => checkTarget(ctx, url))),
    ]);
  } finally {
    settleLinks(a, links, crawled);
    const unchecked = own.length + external.length - [...own, ...external].filter(known).length;
    if (unchecked > 0 && run.ended)
      a.notes.push(
        note(
          "links-unchecked",
          `网站检查提前结束，${unchecked} 个链接目标未检查`,
          `the site's inspection ended early: ${unchecked} link targets were not checked`,
        ),
      );
  }
}

const known = (l: LinkArtifact) => l.status !== null || l.error !== null;

/** How much of a results page is read: the results come first. */
const SEARCH_BYTES = 512 * 1024;

/**
 * Submits the homepage's first search form with the first characters of the newest dated
 * article's title (site-probes.ts), as a browser would: GET with the form's fields, in the page's
 * charset. POST forms and URLs robots.txt disallows are not submitted (`skipped`). Sets `a.search`.
 */
async function probeSearch(a: SiteArtifacts, ctx: Ctx, robots: Robots): Promise<void> {
  const home = a.pages.find((p) => p.depth === 0);
  const form = home?.searchForms?.[0];
  if (!home || !form) return;
  const article = newestArticle(a.pages, a.asOf);
  if (!article) return;
  const probe: NonNullable<SiteArtifacts["search"]> = {
    article: article.url,
    title: article.title,
    query: article.query,
    method: form.method,
    url: null,
    status: null,
    error: null,
    record: null,
    found: false,
  };
  a.search = probe;
  if (form.method === "post") {
    probe.skipped = "post";
    return;
  }
  const url = searchUrl(form, article.query, home.charset?.used ?? "utf-8");
  probe.url = url;
  if (!robots.isAllowed(url)) {
    probe.skipped = "robots";
    return;
  }
  const r = await follow(ctx, url, "GET", { truncateAt: SEARCH_BYTES });
  probe.status = r.outcome.status;
  probe.error = r.outcome.error;
  probe.record = r.outcome.record;
  probe.found = r.last !== null && resultsShow(r.last.body, r.last.headers["content-type"], article.query);
}

/**
 * The site's link targets with what is known of them: pages take the crawl's answer; targets
 * never fetched (beyond limits, unchecked when the site ended) are left out: unknown is not broken.
 */
function settleLinks(
  a: SiteArtifacts,
  links: Map<string, LinkArtifact>,
  crawled: Map<string, CheckResult>,
): void {
  for (const [key, l] of links) {
    if (l.kind !== "page" || known(l)) continue;
    const answer = crawled.get(key);
    if (answer) Object.assign(l, answer);
  }
  a.links = [...links.values()].filter(known);
}

/**
 * Sitemaps named in robots.txt, else /sitemap.xml; indexes followed, each sitemap read once, at
 * most `maxSitemaps` of them and only until the frontier is full. A sitemap past
 * SITEMAP_MAX_BYTES is read as far as that.
 */
async function seedFromSitemaps(
  ctx: Ctx,
  a: SiteArtifacts,
  robots: Robots,
  root: URL,
  inScope: (u: URL) => boolean,
  frontier: Frontier,
): Promise<void> {
  const queue = robots.sitemaps.length > 0 ? [...robots.sitemaps] : [new URL("/sitemap.xml", root).href];
  const seen = new Set<string>();
  let read = 0;
  for (let i = 0; i < queue.length && read < ctx.cfg.maxSitemaps && !frontier.full; i++) {
    const smUrl = resolveLink(queue[i] as string);
    if (!smUrl || seen.has(urlKey(smUrl)) || !robots.isAllowed(smUrl)) continue;
    seen.add(urlKey(smUrl));
    read++;
    const sm = await follow(ctx, smUrl, "GET", { truncateAt: SITEMAP_MAX_BYTES });
    if (!sm.last || !isOk(sm.outcome)) continue;
    if (sm.last.truncated)
      a.notes.push(
        note(
          "sitemap-truncated",
          `站点地图 ${smUrl} 超过 ${SITEMAP_MAX_BYTES / 2 ** 20} MiB，只读取了前一部分`,
          `sitemap ${smUrl} is over ${SITEMAP_MAX_BYTES / 2 ** 20} MiB: only its first part was read`,
        ),
      );
    readSitemap(Buffer.from(sm.last.body).toString("utf8"), {
      sitemap: (s) => {
        if (queue.length < ctx.cfg.maxSitemaps * 4) queue.push(s);
      },
      url: (u) => {
        const target = resolveLink(u);
        if (!target) return true;
        if (inScope(new URL(target)) && classifyTarget(target, "a", inScope) === "page")
          frontier.offer(target, urlKey(target), 1);
        return !frontier.full;
      },
    });
  }
}

/** External link checks of one site in flight at once (each to a host of its own, often). */
const EXTERNAL_CHECKERS = 16;

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

/**
 * HEAD first; GET (body dropped) where HEAD is refused or fails oddly. A host that refuses HEAD
 * refuses it for every file: after the first refusal its links are checked by GET at once.
 */
async function checkTarget(ctx: Ctx, url: string): Promise<CheckResult> {
  const host = new URL(url).host;
  let final: FetchOutcome;
  if (ctx.noHead.has(host)) {
    final = (await follow(ctx, url, "GET", { discardBody: true })).outcome;
    // Failing oddly, a GET is tried again as a HEAD, as a HEAD is as a GET. (A replay from the
    // archive may also meet a check in another order than live, and then finds the other method.)
    if (final.error === "reset" || final.error === "network")
      final = (await follow(ctx, url, "HEAD")).outcome;
  } else {
    const o = (await follow(ctx, url, "HEAD")).outcome;
    const refused = o.status === 405 || o.status === 501;
    if (refused) ctx.noHead.add(host);
    const retry = refused || o.status === 403 || o.error === "reset" || o.error === "network";
    final = retry ? (await follow(ctx, url, "GET", { discardBody: true })).outcome : o;
  }
  return { status: final.status, error: final.error, record: final.record };
}
