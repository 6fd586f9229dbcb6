import { availableParallelism } from "node:os";
import type { Dispatcher } from "undici";
import type { A11yRunner } from "../a11y/engine.ts";
import { type A11ySettings, a11ySettingsFrom } from "../a11y/settings.ts";
import type { ReportPart } from "../a11y/site.ts";
import { type AaaaResolver, completeSite, type NsResolver } from "../artifacts/site-steps.ts";
import type { SiteArtifacts } from "../artifacts/types.ts";
import { httpsProbed } from "../checks/https-missing.ts";
import type { Check } from "../checks/types.ts";
import type { CrawlConfig } from "../crawl/config.ts";
import { crawlSite, LinkCache } from "../crawl/crawler.ts";
import {
  cachingResolver,
  createDispatcher,
  defaultResolver,
  type FetchOptions,
  type Resolver,
} from "../crawl/fetch.ts";
import { HostGate } from "../crawl/gate.ts";
import { inlineReader, type PageReader, ThreadedReader } from "../crawl/page-reader.ts";
import { type ProbeContext, probeIpv6, readCertificate } from "../crawl/site-probes.ts";
import { type OpenWait, SiteEnded, SiteRun } from "../crawl/site-run.ts";
import { liveTransport, replayTransport, type Transport } from "../crawl/transport.ts";
import { readArchive, WarcWriter, warcSiteName } from "../crawl/warc.ts";
import { admitEach } from "./admission.ts";
import { crawlConfigFor, defaultOptions, type EngineOptions, type Profile } from "./config.ts";
import { buildReport, type InspectionReport } from "./report.ts";

/** How a run is going, for progress displays. */
export interface RunProgress {
  sites: number;
  sitesDone: number;
  /** Sites whose inspection ended early (budget, stall) or failed. */
  sitesCut: number;
  /** Pages fetched or failed so far, over all sites. */
  pages: number;
  pagesFailed: number;
  /** performance.now() when the run began. */
  startedAt: number;
}

/** A site the watchdog ended because it made no progress. */
export interface StallReport {
  site: string;
  /** What it was waiting for the longest, and since how long (ms). */
  wait: OpenWait | null;
  waitedMs: number;
  /** How long it had made no progress at all (ms). */
  idleMs: number;
}

export interface InspectRun {
  sites: string[];
  asOf: string;
  options: EngineOptions;
  profile?: Profile | null;
  warcDir?: string | null;
  /** Injectable name resolution (tests map fixture hosts to 127.0.0.1). */
  resolver?: Resolver;
  /** AAAA lookup for ipv6.missing; without it the ipv6.* checks are not applicable. */
  aaaa?: AaaaResolver | null;
  /** NS lookup for ipv6.dns-no-v6 (with `aaaa`: the name servers' AAAA records). */
  ns?: NsResolver | null;
  /**
   * Fetch the homepage over IPv6 and over IPv4, and a sample of pages over IPv6, for
   * ipv6.home-unreachable, ipv6.content-differs and ipv6.links-partial (with `aaaa`: the IPv6
   * connections go to the AAAA addresses it gives). Default false.
   */
  ipv6Fetch?: boolean;
  /** Where the other scheme of a site lives (tests serve http and https on separate ports). */
  schemeProbe?: (site: string) => { http: string; https: string } | undefined;
  /** Each report as its site finishes (`index`: the site's place in `sites`). */
  onSite?: (report: InspectionReport, index: number) => void;
  /** false: reports go to onSite only and are not kept (big runs stream them; memory stays flat). */
  collect?: boolean;
  /** Accessibility passes (axe-core over a sample of pages); absent or null: none. */
  a11y?: A11ySettings | null;
  /** The checks to run (default: the whole catalogue); the crawl benchmark's baseline runs none. */
  checks?: readonly Check[];
  /** Page readers shared with the caller (a worker keeps one pool for all its jobs). */
  reader?: PageReader;
  /** Called about twice a second while the run goes, and once at its end. */
  onProgress?: (p: RunProgress) => void;
  /** A site made no progress for `stallTimeoutMs` and was ended (its report says so too). */
  onStall?: (s: StallReport) => void;
}

/** How many reader threads a run gets (see EngineOptions.readerThreads). */
export function readerThreads(o: EngineOptions, sites: number): number {
  const t = o.readerThreads ?? "auto";
  if (t !== "auto") return Math.max(0, Math.floor(t));
  // A thread takes a moment to start and load its modules: worth it for a real crawl only.
  if (sites * o.crawl.maxPages < 1000) return 0;
  return Math.min(4, Math.max(0, availableParallelism() - 1));
}

/** The run's page reader: the caller's, a pool of threads of its own, or the calling thread. */
function readerFor(run: InspectRun): { reader: PageReader; own: boolean } {
  if (run.reader) return { reader: run.reader, own: false };
  const n = readerThreads(run.options, run.sites.length);
  return n > 0
    ? { reader: new ThreadedReader(n, { readTimeoutMs: run.options.readTimeoutMs }), own: true }
    : { reader: inlineReader, own: false };
}

function fetchOptions(o: EngineOptions, userAgent: string, resolver: Resolver): FetchOptions {
  return {
    connectTimeoutMs: o.connectTimeoutMs,
    headersTimeoutMs: o.headersTimeoutMs,
    bodyTimeoutMs: o.bodyTimeoutMs,
    totalTimeoutMs: o.totalTimeoutMs,
    maxBodyBytes: o.maxBodyBytes,
    maxRedirects: o.crawl.maxRedirects,
    userAgent,
    policy: {
      allowPrivate: o.allowPrivate,
      allowHosts: o.allowHosts ?? [],
      allowEndpoints: o.allowEndpoints ?? [],
    },
    resolver,
    ...(o.extraCa ? { extraCa: o.extraCa } : {}),
  };
}

/**
 * Pages the sites in progress may hold together, counted by their `maxPages` while they crawl:
 * a site's pages are held until its report is made, so this bounds what a run can hold (500
 * pages a site: 16 at once; 4,000: 10, more once some are in their link checks).
 */
const DEFAULT_PAGES_HELD = 40_000;

/**
 * jsdom, axe-core and playwright weigh over 100 MB once loaded: only runs that ask for the
 * accessibility pass load them.
 */
const loadA11y = () => import("../a11y/engine.ts");

function warcName(site: string, i: number): string {
  return `${String(i).padStart(5, "0")}-${warcSiteName(site)}`;
}

/** Longest a site's evidence archive may take to close (a disk that stopped answering). */
const WARC_CLOSE_MS = 60_000;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Settles with `p`, or rejects after `ms` saying what did not finish. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds(ms)}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(t));
}

/**
 * Inspects many sites concurrently over the network; one report per site, in input order, always:
 * a site that fails, stalls or runs out of its budget gets a report of what was learned.
 */
export async function inspectSites(run: InspectRun): Promise<InspectionReport[]> {
  const o = { ...defaultOptions(), ...run.options };
  const resolver = cachingResolver(run.resolver ?? defaultResolver);
  const gate = new HostGate(o.crawl.perHostConcurrency, o.crawl.delayMs, o.globalConcurrency);
  const linkCache = new LinkCache();
  const dispatchers = new Map<string, Dispatcher>();
  const dispatcherFor = (ua: string): Dispatcher => {
    let d = dispatchers.get(ua);
    if (!d) {
      d = createDispatcher(fetchOptions(o, ua, resolver), Math.max(2, o.crawl.perHostConcurrency));
      dispatchers.set(ua, d);
    }
    return d;
  };
  const reports: InspectionReport[] = new Array(run.sites.length);
  const progress: RunProgress = {
    sites: run.sites.length,
    sitesDone: 0,
    sitesCut: 0,
    pages: 0,
    pagesFailed: 0,
    startedAt: performance.now(),
  };
  const active = new Set<SiteRun>();
  // Pages of sites still running are counted from their runs; finished sites' from their reports.
  const report = () => {
    const p = { ...progress };
    for (const r of active) {
      p.pages += r.pagesDone;
      p.pagesFailed += r.pagesFailed;
    }
    run.onProgress?.(p);
  };
  // The watchdog: ends sites past their budget or without progress. It also keeps the process
  // alive while sites are in progress, so a wait that nothing settles is found here, as a stall
  // with its site and what it waited for, not by the event loop running dry.
  const watchdog = setInterval(() => {
    const now = performance.now();
    let runProgress = 0;
    for (const r of active) runProgress = Math.max(runProgress, r.lastProgress);
    for (const r of active) {
      if (now > r.deadline) {
        r.end(
          "budget",
          `the site's time budget of ${seconds(r.budgetMs)} was used up`,
          `用完了网站的时间预算（${seconds(r.budgetMs)}）`,
        );
        continue;
      }
      const idle = now - r.lastProgress;
      // Waiting only for a request slot shared with other sites, while they go on: queued, not stalled.
      if (idle <= o.stallTimeoutMs || (r.onlyQueued() && now - runProgress <= o.stallTimeoutMs)) continue;
      const wait = r.oldestWait();
      const waitedMs = wait ? now - wait.since : idle;
      run.onStall?.({ site: r.site, wait, waitedMs, idleMs: idle });
      r.end(
        "stall",
        `no progress for ${seconds(idle)}${wait ? `; waiting for ${wait.kind} (${wait.what}) for ${seconds(waitedMs)}` : ""}`,
        `${seconds(idle)} 没有进展${wait ? `；等待 ${wait.kind}（${wait.what}）已 ${seconds(waitedMs)}` : ""}`,
      );
    }
    report();
  }, 500);
  let a11y: A11yRunner | null = null;
  const { reader, own } = readerFor(run);
  try {
    a11y = run.a11y ? await (await loadA11y()).A11yRunner.start(run.a11y) : null;
    const admission = {
      maxAtOnce: Math.max(1, o.siteConcurrency),
      budget: o.maxPagesHeld ?? DEFAULT_PAGES_HELD,
      cost: (site: string) => crawlConfigFor(site, o.crawl, run.profile ?? null).maxPages,
    };
    await admitEach(run.sites, admission, async (site, i, hold) => {
      const siteRun = new SiteRun(site, o.siteBudgetMs);
      siteRun.onCrawled = hold;
      active.add(siteRun);
      const startedAt = new Date().toISOString();
      let r: InspectionReport;
      try {
        r = await inspectOne(run, o, site, i, siteRun, {
          gate,
          linkCache,
          reader,
          a11y,
          dispatcherFor,
          resolver,
        });
      } catch (e) {
        // Nothing a site does may end the run: whatever escaped is this site's failure.
        r = failedReport(site, run.asOf, startedAt, e);
      } finally {
        active.delete(siteRun);
      }
      progress.sitesDone++;
      if (r.facts["inspection.status"] !== "complete") progress.sitesCut++;
      progress.pages += r.pages.fetched + r.pages.failed;
      progress.pagesFailed += r.pages.failed;
      run.onSite?.(r, i);
      if (run.collect !== false) reports[i] = r;
    });
  } finally {
    clearInterval(watchdog);
    report();
    await a11y?.close();
    await Promise.all([...dispatchers.values()].map((d) => d.destroy()));
    if (own) await reader.close();
  }
  return run.collect === false ? [] : reports;
}

interface Shared {
  gate: HostGate;
  linkCache: LinkCache;
  reader: PageReader;
  a11y: A11yRunner | null;
  dispatcherFor: (ua: string) => Dispatcher;
  resolver: Resolver;
}

async function inspectOne(
  run: InspectRun,
  o: EngineOptions,
  site: string,
  i: number,
  siteRun: SiteRun,
  s: Shared,
): Promise<InspectionReport> {
  const cfg: CrawlConfig = crawlConfigFor(site, o.crawl, run.profile ?? null);
  const warc = run.warcDir ? new WarcWriter(run.warcDir, warcName(site, i)) : null;
  // One connection pool per site, closed when the site is done: a run over thousands of sites
  // must not keep a pool (and idle sockets) for every origin it has seen. Ending the site ends
  // the exchanges under way on it.
  const siteFetch = fetchOptions(o, cfg.userAgent, s.resolver);
  const dispatcher = createDispatcher(siteFetch, Math.max(2, cfg.perHostConcurrency));
  siteRun.whenEnded(() => void dispatcher.destroy().catch(() => {}));
  const transport = liveTransport(siteFetch, dispatcher, o.retries, warc);
  const probe = run.schemeProbe?.(site);
  warc?.runInfo({ site, index: i, asOf: run.asOf, crawl: cfg, probe: probe ?? null, a11y: run.a11y ?? null });
  const startedAt = new Date().toISOString();
  const siteA11y = s.a11y?.site(transport);
  try {
    const artifacts = await crawlSite(site, run.asOf, {
      cfg,
      transport: siteA11y?.transport ?? transport,
      gate: s.gate,
      linkCache: s.linkCache,
      run: siteRun,
      reader: s.reader,
      httpsPort: probe,
    });
    await siteSteps(artifacts, cfg, run, {
      run: siteRun,
      gate: s.gate,
      delayMs: cfg.delayMs,
      retries: o.retries,
      fetch: siteFetch,
      aaaa: run.aaaa ?? null,
    });
    warc?.siteFacts({ site, index: i, tls: artifacts.tls ?? null, ipv6: artifacts.ipv6 ?? null });
    const parts: ReportPart[] = [];
    if (siteA11y && !artifacts.ended) {
      try {
        parts.push(
          await siteRun.wait(
            "accessibility",
            site,
            siteA11y.finish(artifacts, {
              browserTransport: liveTransport(
                fetchOptions(o, cfg.userAgent, s.resolver),
                s.dispatcherFor(cfg.userAgent),
                o.retries,
                null,
              ),
              gate: s.gate,
              cfg,
            }),
          ),
        );
      } catch (e) {
        if (!(e instanceof SiteEnded)) throw e;
        artifacts.ended = { reason: e.reason, message: e.message, zh: e.zh };
        artifacts.notes.push({
          code: "a11y-unfinished",
          zh: "网站检查在无障碍检测完成前结束，无障碍检测结果缺失",
          en: "the site's inspection ended before the accessibility pass finished: its results are missing",
        });
      }
    }
    return buildReport(artifacts, startedAt, new Date().toISOString(), run.checks, parts);
  } finally {
    siteA11y?.close();
    if (siteRun.ended) await dispatcher.destroy().catch(() => {});
    await Promise.all([
      warc ? within(warc.close(), WARC_CLOSE_MS, `the evidence archive of ${site}`) : null,
      siteRun.ended ? null : dispatcher.close(),
    ]);
  }
}

/**
 * The site-level steps after the crawl: the profile's settings and the DNS answers
 * (`completeSite`), the certificate of the https:// side, and the IPv6 fetches. Each is a wait of
 * the site's run: a site ended meanwhile keeps what was learned, with a note.
 */
async function siteSteps(
  a: SiteArtifacts,
  cfg: CrawlConfig,
  run: InspectRun,
  p: ProbeContext,
): Promise<void> {
  const dns = completeSite(a, cfg, run.aaaa, run.ns);
  // A site already ended still gets its DNS answers (each lookup has its own short timeout).
  if (a.ended) return void (await dns);
  try {
    await p.run.wait("dns", a.host, dns);
    // Only a https:// side that answered, or refused its certificate, has one to read.
    const https = a.https;
    const probed = httpsProbed(a);
    if (probed && https && (https.status !== null || https.error === "tls"))
      a.tls = await readCertificate(probed.url, p);
    if (run.ipv6Fetch) await probeIpv6(a, p);
  } catch (e) {
    if (!(e instanceof SiteEnded)) throw e;
    a.ended = { reason: e.reason, message: e.message, zh: e.zh };
    a.notes.push({
      code: "site-probes-unfinished",
      zh: "网站检查在证书或IPv6探测完成前结束，相应检查项不适用",
      en: "the site's inspection ended before the certificate or IPv6 probes finished: those checks are not applicable",
    });
  }
}

/** The report of a site whose inspection broke (an error in the engine, not in the site). */
function failedReport(site: string, asOf: string, startedAt: string, e: unknown): InspectionReport {
  const a: SiteArtifacts = {
    site,
    host: (() => {
      try {
        return new URL(site).hostname;
      } catch {
        return site;
      }
    })(),
    asOf,
    home: {
      url: site,
      finalUrl: site,
      status: null,
      error: null,
      ms: 0,
      headers: {},
      redirects: 0,
      redirectedToHttps: false,
      record: null,
    },
    http: null,
    https: null,
    pages: [],
    links: [],
    counts: { fetched: 0, failed: 0, skipped: 0 },
    notes: [],
    ended: { reason: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
  };
  return buildReport(a, startedAt, new Date().toISOString(), []);
}

/**
 * Recomputes the reports from a WARC directory without any network: the same crawl logic runs
 * over a transport that answers from the archive. Only startedAt/finishedAt differ.
 */
export async function recheckArchive(dir: string): Promise<InspectionReport[]> {
  const archive = await readArchive(dir);
  const transport: Transport = replayTransport(archive);
  const runs = [...archive.runs].sort((a, b) => Number(a.index) - Number(b.index));
  const gate = new HostGate(4, 0, 64);
  const linkCache = new LinkCache();
  const reports: InspectionReport[] = [];
  for (const r of runs) {
    // Limits added since the archive was written take their defaults.
    const cfg = { ...defaultOptions().crawl, ...(r.crawl as CrawlConfig), delayMs: 0, maxCrawlDelayMs: 0 };
    const startedAt = new Date().toISOString();
    // The jsdom pass depends on the archived bytes alone, so it is redone; the browser pass is not.
    const a11ySettings = r.a11y ? a11ySettingsFrom(r.a11y) : null;
    const a11y = a11ySettings
      ? await (await loadA11y()).A11yRunner.start({ ...a11ySettings, browser: false })
      : null;
    const siteA11y = a11y?.site(transport);
    try {
      const a = await crawlSite(String(r.site), String(r.asOf), {
        cfg,
        transport: siteA11y?.transport ?? transport,
        gate,
        linkCache,
        httpsPort: (r.probe as { http: string; https: string } | null) ?? undefined,
      });
      await completeSite(a, cfg, null);
      // The DNS answers, the certificate and the IPv6 fetches, as the live run archived them.
      const facts = archive.siteFacts.find((f) => Number(f.index) === Number(r.index) && f.site === r.site);
      if (facts?.tls) a.tls = facts.tls as SiteArtifacts["tls"];
      if (facts?.ipv6) a.ipv6 = facts.ipv6 as SiteArtifacts["ipv6"];
      const parts = siteA11y ? [await siteA11y.finish(a)] : [];
      reports.push(buildReport(a, startedAt, new Date().toISOString(), undefined, parts));
    } finally {
      siteA11y?.close();
      await a11y?.close();
    }
  }
  return reports;
}
