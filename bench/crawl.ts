// Crawl benchmark: `govscore inspect --json` run as a user runs it (a process of its own, start-up
// included) against crawlee's HttpCrawler and a fetch-and-parse ceiling, on site shapes served by
// a child process.
//   npm run bench:crawl                                    every shape, 3 counted rounds (~15 min)
//   npm run bench:crawl -- --shape medium --rounds 1       one shape
//   npm run bench:crawl -- --shape large --set sites=10    a shape with parameters changed
//
// Shapes (fixtures/shapes/shape.ts; `fixture` is the demo's own sites, fixtures/site.ts):
//   fixture  the demo fixture: 60 sites of ~110 small pages (6,500), traps, broken links, on ports of their own
//   medium   many medium sites with heavy pages: 200 sites × 200 pages of 20–60 KB (40,000 pages)
//   large    few large sites: 20 sites × 2,000 pages of 8–40 KB (40,000 pages)
//   small    the first failing set: 20 sites × 50 heavy pages
//
// Method. Every contestant is a process started for the round and timed from start to exit, its
// peak RSS summed over its whole process tree (threads included, children too), sampled every
// 50 ms from /proc. The same conditions for all: no politeness delay, at most `--requests` (32)
// requests in flight, at most 4 connections per site for the ceiling and ours (crawlee's
// HttpCrawler has no per-host limit and keeps it).
// - ceiling: the known HTML pages of every site fetched (undici) and parsed as our engine parses
//   them, nothing else, on as many threads as the machine has cores (bench/support/ceiling.mjs);
// - crawlee: HttpCrawler 3.18 with the same parse, enqueuing same-site page links (bench/support/crawlee.mjs);
// - govscore: `node bin/govscore.js inspect --json --no-a11y` over every site in one call: a full
//   inspection (robots.txt, sitemaps, page facts, link checks of images, attachments and external
//   links, every static check, the JSON reports), compiled (lib/) as installed.
// "pages" counts the page requests each made, answered or failed: the ceiling only the known pages;
// crawlee and ours also the broken links they followed, ours also the trap pages fetched before its
// bounds held. Rounds rotate the order (the machine may be shared); one warm-up round (not
// counted) warms the server and the disk cache. Figures: each contestant's median.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { PRESETS, pagePaths, type Shape } from "../fixtures/shapes/shape.ts";
import { htmlPages, siteSpec } from "../fixtures/site.ts";
import { watchTree } from "../test/support/process-tree.ts";

const { values } = parseArgs({
  options: {
    shape: { type: "string", multiple: true },
    set: { type: "string", multiple: true, default: [] },
    seed: { type: "string", default: "20221220" },
    requests: { type: "string", default: "32" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
    "skip-crawlee": { type: "boolean", default: false },
    /** Run only the contestants whose name contains this. */
    only: { type: "string" },
    /** Extra arguments for `govscore inspect`, e.g. --reader-threads 0. */
    "govscore-args": { type: "string", default: "" },
  },
});
const SHAPES = values.shape?.length ? values.shape : ["fixture", "medium", "large"];
const SEED = Number(values.seed);
const REQUESTS = Number(values.requests);
const ROUNDS = Math.max(1, Number(values.rounds));
const WARMUP = Math.max(0, Number(values.warmup));
const ROOT = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "govscore-bench-"));

interface Served {
  child: ChildProcess;
  urls: string[];
  /** Known HTML pages, per site. */
  pages: string[][];
  describe: string;
  /** Pages of a site that the biggest site has (for --max-pages). */
  maxPages: number;
  /** Extra `govscore inspect` arguments the shape needs (names of its hosts). */
  args: string[];
}

async function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.once("exit", (c) => reject(new Error(`server exited with ${c}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
  });
}

function overrides(): Partial<Shape> {
  const over: Record<string, unknown> = {};
  for (const kv of values.set ?? []) {
    const [k, v] = kv.split("=");
    if (!k || v === undefined) throw new Error(`--set wants key=value: ${kv}`);
    over[k] = JSON.parse(v);
  }
  return over as Partial<Shape>;
}

async function serve(name: string): Promise<Served> {
  if (name === "fixture") {
    const sites = Number(overrides().sites ?? 60);
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "fixtures/serve.ts",
        "--seed",
        String(SEED),
        "--sites",
        String(sites),
        "--per-site-ports",
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    const { sitePorts } = JSON.parse(await firstLine(child)) as { sitePorts: number[] };
    const urls = sitePorts.map((p) => `http://127.0.0.1:${p}/`);
    const pages = urls.map((u, i) => htmlPages(siteSpec(SEED, i, 1)).map((p) => new URL(p, u).href));
    // The fixture's pages link hosts by name (other sites, external ones): all on this machine.
    const args = ["*.fixture-ext.cn", "*.fixture.gov.cn", "*.fixture-org.cn"].flatMap((h) => [
      "--resolve",
      `${h}=127.0.0.1`,
    ]);
    return { child, urls, pages, describe: `the demo fixture, ${sites} sites`, maxPages: 2_000, args };
  }
  if (!(name in PRESETS))
    throw new Error(`unknown shape ${name} (fixture, ${Object.keys(PRESETS).join(", ")})`);
  const args = ["--import", "tsx", "fixtures/shapes/serve.ts", "--shape", name, "--seed", String(SEED)];
  for (const kv of values.set ?? []) args.push("--set", kv);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  const j = JSON.parse(await firstLine(child)) as { urls: string[]; shape: Shape };
  const pages = j.urls.map((u, i) => pagePaths(j.shape, i).map((p) => new URL(p, u).href));
  const s = j.shape;
  return {
    child,
    urls: j.urls,
    pages,
    describe: `${name}: ${s.sites} sites × ${s.pagesPerSite} pages of ${s.pageBytes[0] / 1000}–${s.pageBytes[1] / 1000} KB, ${Math.round(s.gbkShare * 100)} % GB-encoded`,
    maxPages: s.pagesPerSite * 2 + 50,
    args: [],
  };
}

interface Measured {
  pages: number;
  s: number;
  peakMb: number;
}

/** Runs one contestant process to its end: wall time, peak RSS of its tree, pages it reports. */
async function measure(args: string[], pagesOf: (stdoutFile: string) => number): Promise<Measured> {
  const out = join(work, "stdout");
  const fd = openSync(out, "w");
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", fd, "inherit"] });
  const watch = watchTree(child.pid as number);
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  const s = (performance.now() - t0) / 1000;
  const peakMb = watch.stop();
  if (code !== 0) throw new Error(`${args.slice(0, 3).join(" ")} … exited with ${code}`);
  return { pages: pagesOf(out), s, peakMb };
}

const fromJsonLine = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { pages: number }).pages;

type Contestant = "ceiling" | "crawlee" | "govscore";

function contestants(sv: Served): Record<Contestant, () => Promise<Measured>> {
  const pagesFile = join(work, "pages.json");
  const urlsFile = join(work, "urls.json");
  writeFileSync(pagesFile, JSON.stringify(sv.pages));
  writeFileSync(urlsFile, JSON.stringify(sv.urls));
  const known = sv.pages.reduce((n, p) => n + p.length, 0);
  const extra = values["govscore-args"] ? values["govscore-args"].split(/\s+/).filter(Boolean) : [];
  return {
    ceiling: () =>
      measure(
        ["bench/support/ceiling.mjs", pagesFile, String(availableParallelism()), String(REQUESTS)],
        fromJsonLine,
      ),
    crawlee: () =>
      measure(["bench/support/crawlee.mjs", urlsFile, String(REQUESTS), String(known * 2)], fromJsonLine),
    govscore: () =>
      measure(
        [
          "bin/govscore.js",
          "inspect",
          "--json",
          "--no-a11y",
          "--allow-private",
          "--as-of",
          "2026-11-01",
          "--delay",
          "0",
          "--per-host",
          "4",
          "--requests",
          String(REQUESTS),
          "--max-pages",
          String(sv.maxPages),
          ...sv.args,
          ...extra,
          ...sv.urls,
        ],
        (file) => {
          const reports = JSON.parse(readFileSync(file, "utf8")) as {
            pages: { fetched: number; failed: number };
          }[];
          if (reports.length !== sv.urls.length)
            throw new Error(`govscore reported ${reports.length} sites of ${sv.urls.length}`);
          return reports.reduce((n, r) => n + r.pages.fetched + r.pages.failed, 0);
        },
      ),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function row(name: string, m: Measured): void {
  console.log(
    `  ${name.padEnd(10)} ${String(m.pages).padStart(7)} pages ${m.s.toFixed(1).padStart(6)} s ${(m.pages / m.s).toFixed(0).padStart(6)} pages/s  peak RSS ${m.peakMb.toFixed(0).padStart(4)} MB`,
  );
}

// The engine as installed: compiled.
spawnSync(process.execPath, ["scripts/build-lib.mjs", "--quiet"], { cwd: ROOT, stdio: "inherit" });
console.log(
  `crawl benchmark: ${availableParallelism()} cores, node ${process.version}, ${REQUESTS} requests in flight, ${WARMUP} warm-up and ${ROUNDS} counted rounds`,
);
const summary: string[] = [];
try {
  for (const name of SHAPES) {
    const sv = await serve(name);
    try {
      console.log(`\nshape ${sv.describe}`);
      const all = contestants(sv);
      let names = Object.keys(all) as Contestant[];
      if (values["skip-crawlee"]) names = names.filter((n) => n !== "crawlee");
      if (values.only) names = names.filter((n) => n.includes(values.only as string));
      const runs = new Map<Contestant, Measured[]>(names.map((n) => [n, []]));
      for (let r = 0; r < WARMUP + ROUNDS; r++) {
        const counted = r >= WARMUP;
        console.log(counted ? ` round ${r - WARMUP + 1}` : " warm-up (not counted)");
        for (let k = 0; k < names.length; k++) {
          const n = names[(r + k) % names.length] as Contestant;
          const m = await all[n]();
          row(n, m);
          if (counted) runs.get(n)?.push(m);
        }
      }
      const rate = (n: Contestant) =>
        runs.has(n) ? median((runs.get(n) ?? []).map((m) => m.pages / m.s)) : Number.NaN;
      const peak = (n: Contestant) => Math.max(...(runs.get(n) ?? []).map((m) => m.peakMb));
      const pages = median((runs.get("govscore") ?? []).map((m) => m.pages));
      console.log(" medians (pages/s):", names.map((n) => `${n} ${rate(n).toFixed(0)}`).join(", "));
      const lines = [
        `${name}: govscore ${rate("govscore").toFixed(0)} pages/s, crawlee ${rate("crawlee").toFixed(0)}, ceiling ${rate("ceiling").toFixed(0)}`,
        `  govscore / crawlee ${(rate("govscore") / rate("crawlee")).toFixed(2)}× (target ≥ 5×)`,
        `  govscore / ceiling ${((100 * rate("govscore")) / rate("ceiling")).toFixed(0)} % (target ≥ 60 %)`,
        `  govscore peak RSS ${peak("govscore").toFixed(0)} MB over ${pages} pages in one call (target < 300 MB for 40,000 pages); crawlee ${peak("crawlee").toFixed(0)} MB, ceiling ${peak("ceiling").toFixed(0)} MB`,
      ];
      for (const l of lines) console.log(l);
      summary.push(...lines);
    } finally {
      sv.child.kill();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nsummary\n${summary.join("\n")}`);
console.log(
  "note: govscore also reads robots.txt and sitemaps, checks images, attachments and external links, runs every static check and writes its reports; the others do not.",
);
