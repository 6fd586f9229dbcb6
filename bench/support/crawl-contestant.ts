// Child process of bench/crawl.ts: one contestant, in a process of its own, so that what one
// contestant leaves behind (crawlee's timers and its 400 MB heap, a pool of reader threads) costs
// the others nothing and each peak RSS is that contestant's alone. The parent sends `run` once per
// round; the process stays up between rounds, so its JIT is as warm as a long crawl's.
//   node --import tsx --expose-gc bench/support/crawl-contestant.ts <json options>   (forked)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { fixtureResolver } from "../../fixtures/server.ts";
import { htmlPages, siteSpec } from "../../fixtures/site.ts";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { decodeBody } from "../../src/crawl/charset.ts";
import { type PageReader, ThreadedReader } from "../../src/crawl/page-reader.ts";
import { defaultOptions } from "../../src/inspect/config.ts";
import { inspectSites, readerThreads } from "../../src/inspect/inspect.ts";

export const CONTESTANTS = {
  ceiling: "fetch+parse ceiling",
  ours: "govscore engine",
  crawlOnly: "govscore crawl only",
  crawlee: "crawlee HttpCrawler 3.18",
} as const;
export type Contestant = keyof typeof CONTESTANTS;

export interface ContestantOptions {
  contestant: Contestant;
  urls: string[];
  seed: number;
  scale: number;
  concurrency: number;
  /** Our engine's page-reader threads: a number, or auto (one per spare core). */
  readerThreads: number | "auto";
}

export interface Measured {
  pages: number;
  s: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** heapTotal, external and array buffers when RSS peaked (where the memory was). */
  atPeak: string;
}

/** Samples this process's RSS and heap while `fn` runs. */
async function measure(fn: () => Promise<number>): Promise<Measured> {
  (globalThis as { gc?: () => void }).gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  let atPeak = "";
  const mb = (n: number) => (n / 2 ** 20).toFixed(0);
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss)
      atPeak = `heapTotal ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB`;
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const t = setInterval(sample, 50);
  const t0 = performance.now();
  const pages = await fn();
  const s = (performance.now() - t0) / 1000;
  clearInterval(t);
  sample();
  return { pages, s, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, atPeak };
}

function engineOptions(o: ContestantOptions, contentFacts: boolean) {
  const e = defaultOptions();
  e.crawl.contentFacts = contentFacts;
  e.allowPrivate = true;
  e.crawl.delayMs = 0;
  e.crawl.perHostConcurrency = 4;
  e.crawl.maxPages = 100_000;
  e.globalConcurrency = o.concurrency;
  e.siteConcurrency = Math.max(8, o.concurrency / 2);
  e.readerThreads = o.readerThreads;
  return e;
}

/**
 * Our engine. `crawlOnly`: reading only links (no content facts) and running no checks, the
 * baseline the static checks' cost is measured against (issue target: within 2×). One pool of
 * reader threads serves every round, as a `govscore worker` keeps one for its life.
 */
function oursRunner(o: ContestantOptions, crawlOnly: boolean): () => Promise<number> {
  const options = engineOptions(o, !crawlOnly);
  const threads = readerThreads(options, Number.POSITIVE_INFINITY);
  let reader: PageReader | undefined;
  return async () => {
    if (threads > 0) reader ??= new ThreadedReader(threads);
    // Reports are streamed, not kept, as a national run does: memory stays per site.
    let pages = 0;
    await inspectSites({
      sites: o.urls,
      asOf: "2026-11-01",
      options,
      ...(crawlOnly ? { checks: [] } : {}),
      resolver: fixtureResolver,
      ...(reader ? { reader } : {}),
      collect: false,
      onSite: (r) => {
        pages += r.pages.fetched + r.pages.failed;
      },
    });
    return pages;
  };
}

/** The ceiling: the known HTML pages fetched and parsed, nothing else. */
function ceilingRunner(o: ContestantOptions): () => Promise<number> {
  const jobs = o.urls.flatMap((u, i) =>
    htmlPages(siteSpec(o.seed, i, o.scale)).map((p) => new URL(p, u).href),
  );
  return async () => {
    const agent = new Agent({ connections: 4 });
    let next = 0;
    let links = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const url = jobs[next++] as string;
        const res = await request(url, { dispatcher: agent });
        const body = new Uint8Array(await res.body.arrayBuffer());
        const d = decodeBody(body, res.headers["content-type"] as string | undefined);
        links += extractFacts(d.text).links.length;
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    await agent.close();
    return jobs.length + 0 * links;
  };
}

/** crawlee's HttpCrawler doing the same fetch and link extraction, same-site links enqueued. */
function crawleeRunner(o: ContestantOptions): () => Promise<number> {
  const limit = o.urls.reduce((n, _u, i) => n + htmlPages(siteSpec(o.seed, i, o.scale)).length, 0) * 2;
  return async () => {
    const storage = mkdtempSync(join(tmpdir(), "crawlee-bench-"));
    process.env.CRAWLEE_STORAGE_DIR = storage;
    process.env.CRAWLEE_PURGE_ON_START = "true";
    const { HttpCrawler, Configuration, log, LogLevel } = await import("@crawlee/http");
    log.setLevel(LogLevel.WARNING);
    const config = new Configuration({
      persistStorage: false,
      storageClientOptions: { localDataDirectory: storage },
    });
    try {
      let pages = 0;
      const crawler = new HttpCrawler(
        {
          minConcurrency: o.concurrency,
          maxConcurrency: o.concurrency,
          // crawlee's default retries: between rounds its idle keep-alive sockets outlive the
          // server's keep-alive timeout, and without a retry each one costs a page and its links.
          maxRequestsPerCrawl: limit,
          additionalMimeTypes: ["application/octet-stream"],
          async requestHandler({ request: req, body, enqueueLinks }) {
            pages++;
            // The same work as ours: links out of the page, same-site ones enqueued.
            const facts = extractFacts(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
            const base = new URL(req.loadedUrl ?? req.url);
            const same = facts.links
              .map((l) => {
                try {
                  return new URL(l.href, base);
                } catch {
                  return null;
                }
              })
              .filter(
                (u): u is URL =>
                  u !== null &&
                  u.host === base.host &&
                  !/\.(jpg|png|css|js|pdf|docx?|xlsx?|wps|ofd|zip)$/i.test(u.pathname) &&
                  // crawlee has no trap defences or robots here: keep it to the same page set.
                  !/^\/(calendar|search|private|old)/.test(u.pathname),
              )
              .map((u) => u.href);
            await enqueueLinks({ urls: same, strategy: "same-origin" });
          },
          failedRequestHandler() {
            pages++;
          },
        },
        config,
      );
      await crawler.run(o.urls);
      return pages;
    } finally {
      rmSync(storage, { recursive: true, force: true });
    }
  };
}

function runnerFor(o: ContestantOptions): () => Promise<number> {
  switch (o.contestant) {
    case "ceiling":
      return ceilingRunner(o);
    case "ours":
      return oursRunner(o, false);
    case "crawlOnly":
      return oursRunner(o, true);
    case "crawlee":
      return crawleeRunner(o);
  }
}

if (process.send) {
  const o = JSON.parse(process.argv[2] as string) as ContestantOptions;
  const run = runnerFor(o);
  process.on("message", (m: { kind: "run" | "exit" }) => {
    if (m.kind === "exit") process.exit(0);
    measure(run).then(
      (r) => process.send?.({ kind: "measured", ...r }),
      (e: unknown) => process.send?.({ kind: "failed", error: e instanceof Error ? e.stack : String(e) }),
    );
  });
  process.send({ kind: "ready" });
}
