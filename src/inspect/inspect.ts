import { availableParallelism } from "node:os";
import type { Agent } from "undici";
import type { A11ySettings } from "../a11y/engine.ts";
import { type AaaaResolver, completeSite } from "../artifacts/site-steps.ts";
import type { Check } from "../checks/types.ts";
import { type CrawlConfig, crawlSite, type LinkCache, type Transport } from "../crawl/crawler.ts";
import { createDispatcher, defaultResolver, type FetchOptions, type Resolver } from "../crawl/fetch.ts";
import { HostGate } from "../crawl/gate.ts";
import { inlineReader, type PageReader, ThreadedReader } from "../crawl/page-reader.ts";
import { liveTransport, replayTransport } from "../crawl/transport.ts";
import { readArchive, WarcWriter, warcSiteName } from "../crawl/warc.ts";
import { crawlConfigFor, type EngineOptions, type Profile } from "./config.ts";
import { buildReport, type InspectionReport } from "./report.ts";

export interface InspectRun {
  sites: string[];
  asOf: string;
  options: EngineOptions;
  profile?: Profile | null;
  warcDir?: string | null;
  /** Injectable name resolution (tests map fixture hosts to 127.0.0.1). */
  resolver?: Resolver;
  /** AAAA lookup for ipv6.missing; without it the check is not applicable. */
  aaaa?: AaaaResolver | null;
  /** Where the other scheme of a site lives (tests serve http and https on separate ports). */
  schemeProbe?: (site: string) => { http: string; https: string } | undefined;
  onSite?: (report: InspectionReport) => void;
  /** false: reports go to onSite only and are not kept (big runs stream them; memory stays flat). */
  collect?: boolean;
  /** Accessibility passes (axe-core over a sample of pages); absent or null: none. */
  a11y?: A11ySettings | null;
  /** The checks to run (default: the whole catalogue); the crawl benchmark's baseline runs none. */
  checks?: readonly Check[];
  /** Page readers shared with the caller (a worker keeps one pool for all its jobs). */
  reader?: PageReader;
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
  return n > 0 ? { reader: new ThreadedReader(n), own: true } : { reader: inlineReader, own: false };
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
    policy: { allowPrivate: o.allowPrivate, allowHosts: o.allowHosts ?? [] },
    resolver,
    ...(o.extraCa ? { extraCa: o.extraCa } : {}),
  };
}

/** Runs `fn` over `items` with at most `n` at once, keeping the input order of results. */
async function pool<T, R>(items: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/**
 * jsdom, axe-core and playwright weigh over 100 MB once loaded: only runs that ask for the
 * accessibility pass load them.
 */
const loadA11y = () => import("../a11y/engine.ts");

function warcName(site: string, i: number): string {
  return `${String(i).padStart(5, "0")}-${warcSiteName(site)}`;
}

/** Inspects many sites concurrently over the network; one report per site, input order. */
export async function inspectSites(run: InspectRun): Promise<InspectionReport[]> {
  const o = run.options;
  const resolver = run.resolver ?? defaultResolver;
  const gate = new HostGate(o.crawl.perHostConcurrency, o.crawl.delayMs, o.globalConcurrency);
  const linkCache: LinkCache = new Map();
  const dispatchers = new Map<string, Agent>();
  const dispatcherFor = (ua: string): Agent => {
    let d = dispatchers.get(ua);
    if (!d) {
      d = createDispatcher(fetchOptions(o, ua, resolver), Math.max(2, o.crawl.perHostConcurrency));
      dispatchers.set(ua, d);
    }
    return d;
  };
  const a11y = run.a11y ? await (await loadA11y()).A11yRunner.start(run.a11y) : null;
  const { reader, own } = readerFor(run);
  try {
    return await pool(run.sites, o.siteConcurrency, async (site, i) => {
      const cfg: CrawlConfig = crawlConfigFor(site, o.crawl, run.profile ?? null);
      const warc = run.warcDir ? new WarcWriter(run.warcDir, warcName(site, i)) : null;
      // One connection pool per site, closed when the site is done: a run over thousands of
      // sites must not keep a pool (and idle sockets) for every origin it has seen.
      const siteFetch = fetchOptions(o, cfg.userAgent, resolver);
      const dispatcher = createDispatcher(siteFetch, Math.max(2, cfg.perHostConcurrency));
      const transport = liveTransport(siteFetch, dispatcher, o.retries, warc);
      const probe = run.schemeProbe?.(site);
      warc?.runInfo({
        site,
        index: i,
        asOf: run.asOf,
        crawl: cfg,
        probe: probe ?? null,
        a11y: run.a11y ?? null,
      });
      const startedAt = new Date().toISOString();
      const siteA11y = a11y?.site(transport);
      try {
        const artifacts = await crawlSite(
          site,
          run.asOf,
          cfg,
          siteA11y?.transport ?? transport,
          gate,
          linkCache,
          probe,
          reader,
        );
        await completeSite(artifacts, cfg, run.aaaa);
        const parts = siteA11y
          ? [
              await siteA11y.finish(artifacts, {
                browserTransport: liveTransport(
                  fetchOptions(o, cfg.userAgent, resolver),
                  dispatcherFor(cfg.userAgent),
                  o.retries,
                  null,
                ),
                gate,
                cfg,
              }),
            ]
          : [];
        const report = buildReport(artifacts, startedAt, new Date().toISOString(), run.checks, parts);
        run.onSite?.(report);
        return run.collect === false ? (null as unknown as InspectionReport) : report;
      } finally {
        siteA11y?.close();
        await Promise.all([warc?.close(), dispatcher.close()]);
      }
    });
  } finally {
    await a11y?.close();
    await Promise.all([...dispatchers.values()].map((d) => d.close()));
    if (own) await reader.close();
  }
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
  const linkCache: LinkCache = new Map();
  const reports: InspectionReport[] = [];
  for (const r of runs) {
    const cfg = { ...(r.crawl as CrawlConfig), delayMs: 0, maxCrawlDelayMs: 0 };
    const startedAt = new Date().toISOString();
    // The jsdom pass depends on the archived bytes alone, so it is redone; the browser pass is not.
    const a11ySettings = r.a11y ? (await loadA11y()).a11ySettingsFrom(r.a11y) : null;
    const a11y = a11ySettings
      ? await (await loadA11y()).A11yRunner.start({ ...a11ySettings, browser: false })
      : null;
    const siteA11y = a11y?.site(transport);
    try {
      const a = await crawlSite(
        String(r.site),
        String(r.asOf),
        cfg,
        siteA11y?.transport ?? transport,
        gate,
        linkCache,
        (r.probe as { http: string; https: string } | null) ?? undefined,
      );
      await completeSite(a, cfg, null);
      const parts = siteA11y ? [await siteA11y.finish(a)] : [];
      reports.push(buildReport(a, startedAt, new Date().toISOString(), undefined, parts));
    } finally {
      siteA11y?.close();
    }
  }
  return reports;
}
