// Crawl benchmark: our engine vs crawlee's HttpCrawler vs a fetch-and-parse-only loop (the
// ceiling), on fixture sites served by a child process (so the server's CPU is not counted in
// our process). `--big` measures peak memory over many sites instead.
//   npm run bench:crawl                       quick comparison (~2 min)
//   npm run bench:crawl -- --sites 40         bigger comparison
//   npm run bench:crawl -- --big --sites 1000 --scale 2.7   ≈200,000 pages, memory only
//
// Method. All three contestants get the same conditions: no politeness delay, at most
// `--concurrency` (32) requests in flight, and for the ceiling and our engine at most 4
// connections per site (crawlee's HttpCrawler has no per-host limit and keeps it). Each site is
// on its own port, so crawlee's same-origin scope and ours coincide. The ceiling fetches the
// known list of HTML pages and only decodes and parses them (decodeBody + extractFacts); crawlee
// does the same parsing in its handler and enqueues same-site links; our engine also reads
// robots.txt and sitemaps, builds the page facts the checks need, checks images, attachments
// and external links (HEAD, GET where refused) and runs every check. "pages" counts the page
// requests each made, answered or not: the ceiling only the known pages; crawlee and our engine
// also the broken links they followed, ours also the trap pages fetched before its bounds held.
// The machine may be shared, so the contestants run `--rounds` times (default 3), in an order
// that rotates each round (none is always first, with a cold JIT, or last), and the figures
// compared are each contestant's median. Our engine streams its reports (`collect: false`), as
// a national run does; the big mode measures its peak RSS, sampled every 50 ms. A fourth
// contestant, "govscore crawl only", is our engine reading only links (no content facts) and
// running no checks: the ratio to it is the cost of every static check (target within 2×).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { fixtureResolver } from "../fixtures/server.ts";
import { htmlPages, siteSpec } from "../fixtures/site.ts";
import { extractFacts } from "../src/artifacts/extract.ts";
import { decodeBody } from "../src/crawl/charset.ts";
import { ThreadedReader } from "../src/crawl/page-reader.ts";
import { defaultOptions } from "../src/inspect/config.ts";
import { inspectSites, readerThreads } from "../src/inspect/inspect.ts";

const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "20" },
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "20221220" },
    concurrency: { type: "string", default: "32" },
    big: { type: "boolean", default: false },
    rounds: { type: "string", default: "3" },
    "skip-crawlee": { type: "boolean", default: false },
    /** Page-reader threads of our engine: a number, or auto (one per spare core). */
    "reader-threads": { type: "string", default: "auto" },
  },
});
const SITES = Number(values.sites);
const SCALE = Number(values.scale);
const SEED = Number(values.seed);
const CONC = Number(values.concurrency);
const ROUNDS = Math.max(1, Number(values.rounds));

async function startServer(
  perSitePorts: boolean,
): Promise<{ child: ChildProcess; port: number; sitePorts: number[] }> {
  const args = [
    "--import",
    "tsx",
    "fixtures/serve.ts",
    "--seed",
    String(SEED),
    "--sites",
    String(SITES),
    "--scale",
    String(SCALE),
  ];
  if (perSitePorts) args.push("--per-site-ports");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const line: string = await new Promise((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
  });
  if (perSitePorts) {
    const j = JSON.parse(line) as { port: number; sitePorts: number[] };
    return { child, ...j };
  }
  return { child, port: Number(/:(\d+)/.exec(line)?.[1]), sitePorts: [] };
}

/** Samples RSS and heap while `fn` runs. */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; s: number; peakRssMb: number; peakHeapMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const t = setInterval(sample, 50);
  const t0 = performance.now();
  const result = await fn();
  const s = (performance.now() - t0) / 1000;
  clearInterval(t);
  sample();
  return { result, s, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20 };
}

function engineOptions(contentFacts = true) {
  const o = defaultOptions();
  o.crawl.contentFacts = contentFacts;
  o.allowPrivate = true;
  o.crawl.delayMs = 0;
  o.crawl.perHostConcurrency = 4;
  o.crawl.maxPages = 100_000;
  o.globalConcurrency = CONC;
  o.siteConcurrency = Math.max(8, CONC / 2);
  o.readerThreads = values["reader-threads"] === "auto" ? "auto" : Number(values["reader-threads"]);
  return o;
}

/**
 * `crawlOnly`: the engine reading only links (no content facts) and running no checks, the
 * baseline the static checks' cost is measured against (issue target: within 2×).
 */
// One pool of reader threads for the whole benchmark, as a `govscore worker` keeps one for its
// life: the threads are as warm as the other contestants' code in their later rounds.
const threads = readerThreads(engineOptions(), Number.POSITIVE_INFINITY);
const sharedReader = threads > 0 ? new ThreadedReader(threads) : undefined;

async function runOurs(urls: string[], crawlOnly = false) {
  return measure(async () => {
    // Reports are streamed, not kept, as a national run would do: memory stays per site.
    let pages = 0;
    await inspectSites({
      sites: urls,
      asOf: "2026-11-01",
      options: engineOptions(!crawlOnly),
      ...(crawlOnly ? { checks: [] } : {}),
      resolver: fixtureResolver,
      ...(sharedReader ? { reader: sharedReader } : {}),
      collect: false,
      onSite: (r) => {
        pages += r.pages.fetched + r.pages.failed;
      },
    });
    return pages;
  });
}

async function runCeiling(urls: string[]) {
  const agent = new Agent({ connections: 4 });
  const jobs = urls.flatMap((u, i) => htmlPages(siteSpec(SEED, i, SCALE)).map((p) => new URL(p, u).href));
  return measure(async () => {
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
    await Promise.all(Array.from({ length: CONC }, worker));
    await agent.close();
    return jobs.length + 0 * links;
  });
}

async function runCrawlee(urls: string[]) {
  const storage = mkdtempSync(join(tmpdir(), "crawlee-bench-"));
  process.env.CRAWLEE_STORAGE_DIR = storage;
  process.env.CRAWLEE_PURGE_ON_START = "true";
  const { HttpCrawler, Configuration } = await import("@crawlee/http");
  const config = new Configuration({
    persistStorage: false,
    storageClientOptions: { localDataDirectory: storage },
  });
  try {
    return await measure(async () => {
      let pages = 0;
      const crawler = new HttpCrawler(
        {
          minConcurrency: CONC,
          maxConcurrency: CONC,
          maxRequestRetries: 0,
          maxRequestsPerCrawl:
            urls.reduce((n, _u, i) => n + htmlPages(siteSpec(SEED, i, SCALE)).length, 0) * 2,
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
      await crawler.run(urls);
      return pages;
    });
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}

function row(name: string, m: { result: number; s: number; peakRssMb: number; peakHeapMb: number }) {
  const pps = m.result / m.s;
  console.log(
    `${name.padEnd(28)} ${String(m.result).padStart(8)} pages ${m.s.toFixed(1).padStart(7)} s ${pps.toFixed(0).padStart(7)} pages/s  peak RSS ${m.peakRssMb.toFixed(0)} MB, heap ${m.peakHeapMb.toFixed(0)} MB`,
  );
  return pps;
}

if (values.big) {
  const srv = await startServer(false);
  const urls = Array.from(
    { length: SITES },
    (_, i) => `http://s${i}.${i % 10 === 9 ? "fixture-org.cn" : "fixture.gov.cn"}:${srv.port}/`,
  );
  console.log(`big mode: ${SITES} sites, scale ${SCALE}, concurrency ${CONC}, reader threads ${threads}`);
  row("govscore (memory mode)", await runOurs(urls));
  srv.child.kill();
} else {
  const srv = await startServer(true);
  const urls = srv.sitePorts.map((p) => `http://127.0.0.1:${p}/`);
  console.log(
    `${SITES} sites, scale ${SCALE}, concurrency ${CONC}, ${ROUNDS} rounds, node ${process.version}`,
  );
  const contestants: [string, () => ReturnType<typeof runOurs>][] = [
    ["fetch+parse ceiling", () => runCeiling(urls)],
    ["govscore engine", () => runOurs(urls)],
    ["govscore crawl only", () => runOurs(urls, true)],
  ];
  if (!values["skip-crawlee"]) contestants.push(["crawlee HttpCrawler 3.18", () => runCrawlee(urls)]);
  const rates = new Map<string, number[]>(contestants.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    console.log(`round ${r + 1}`);
    for (let k = 0; k < contestants.length; k++) {
      const [name, run] = contestants[(r + k) % contestants.length] as (typeof contestants)[number];
      rates.get(name)?.push(row(name, await run()));
    }
  }
  const median = (xs: number[] = []) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const [ceiling, ours, crawlOnly, crawlee = Number.NaN] = contestants.map(([name]) =>
    median(rates.get(name)),
  );
  console.log("medians (pages/s):");
  for (const [name] of contestants)
    console.log(`  ${name.padEnd(26)} ${median(rates.get(name)).toFixed(0).padStart(7)}`);
  console.log(`govscore / crawlee: ${((ours as number) / crawlee).toFixed(2)}× (target ≥ 5×)`);
  console.log(
    `govscore / ceiling: ${((100 * (ours as number)) / (ceiling as number)).toFixed(0)} % (target ≥ 60 %)`,
  );
  console.log(
    `govscore crawl only / with every static check: ${((crawlOnly as number) / (ours as number)).toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(
    "note: govscore also checks robots, sitemaps, images, attachments and external links; the others do not.",
  );
  srv.child.kill();
}
await sharedReader?.close();
