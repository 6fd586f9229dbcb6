// Crawl benchmark: our engine vs crawlee's HttpCrawler vs a fetch-and-parse-only loop (the
// ceiling), on fixture sites served by a child process. `--big` measures peak memory over many
// sites instead.
//   npm run bench:crawl                       quick comparison (~2 min)
//   npm run bench:crawl -- --sites 40         bigger comparison
//   npm run bench:crawl -- --big --sites 1000 --scale 2.7   ≈200,000 pages, memory only
//
// Method. All contestants get the same conditions: no politeness delay, at most `--concurrency`
// (32) requests in flight, and for the ceiling and our engine at most 4 connections per site
// (crawlee's HttpCrawler has no per-host limit and keeps it). Each site is on its own port, so
// crawlee's same-origin scope and ours coincide. The ceiling fetches the known list of HTML pages
// and only decodes and parses them (decodeBody + extractFacts); crawlee does the same parsing in
// its handler and enqueues same-site links; our engine also reads robots.txt and sitemaps, builds
// the page facts the checks need, checks images, attachments and external links (HEAD, GET where
// refused) and runs every check, streaming its reports (`collect: false`) as a national run does.
// A fourth contestant, "govscore crawl only", is our engine reading only links (no content facts)
// and running no checks: the ratio to it is the cost of every static check (target within 2×).
// "pages" counts the page requests each made, answered or not: the ceiling only the known pages;
// crawlee and our engine also the broken links they followed, ours also the trap pages fetched
// before its bounds held.
// Each contestant runs in a process of its own (bench/support/crawl-contestant.ts), kept up for
// all its rounds: what one leaves behind (crawlee's timers and heap) cannot slow the next, and
// each peak RSS (sampled every 50 ms) is that contestant's alone. Each runs `--warmup` rounds
// first, not counted (a real crawl runs JIT-compiled code). The machine may be shared, so the
// counted `--rounds` (default 3) rotate the order each round (none is always first or last); the
// figures compared are each contestant's median, and the ratios to crawlee round by round.
import { type ChildProcess, fork, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { defaultOptions } from "../src/inspect/config.ts";
import { readerThreads } from "../src/inspect/inspect.ts";
import {
  CONTESTANTS,
  type Contestant,
  type ContestantOptions,
  type Measured,
} from "./support/crawl-contestant.ts";

const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "20" },
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "20221220" },
    concurrency: { type: "string", default: "32" },
    big: { type: "boolean", default: false },
    rounds: { type: "string", default: "3" },
    /** Rounds each contestant runs first, not counted: a crawl of hours runs JIT-compiled code. */
    warmup: { type: "string", default: "1" },
    "skip-crawlee": { type: "boolean", default: false },
    /** Run only the contestants whose name contains this (to profile one of them). */
    only: { type: "string" },
    /** Page-reader threads of our engine: a number, or auto (one per spare core). */
    "reader-threads": { type: "string", default: "auto" },
  },
});
const SITES = Number(values.sites);
const SCALE = Number(values.scale);
const SEED = Number(values.seed);
const CONC = Number(values.concurrency);
const ROUNDS = Math.max(1, Number(values.rounds));
const READER_THREADS = values["reader-threads"] === "auto" ? "auto" : Number(values["reader-threads"]);

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

type Message = { kind: "ready" } | ({ kind: "measured" } & Measured) | { kind: "failed"; error: string };

/** A contestant's process: `run()` measures one round in it. */
async function startContestant(contestant: Contestant, urls: string[]) {
  const o: ContestantOptions = {
    contestant,
    urls,
    seed: SEED,
    scale: SCALE,
    concurrency: CONC,
    readerThreads: READER_THREADS,
  };
  const child = fork(new URL("./support/crawl-contestant.ts", import.meta.url), [JSON.stringify(o)], {
    execArgv: [
      "--import",
      "tsx",
      "--expose-gc",
      ...process.execArgv.filter((a) => a.startsWith("--cpu-prof")),
    ],
  });
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${contestant} exited with ${code}`));
      child.once("exit", onExit);
      child.once("message", (m: Message) => {
        child.off("exit", onExit);
        resolve(m);
      });
    });
  await next();
  return {
    async run(): Promise<Measured> {
      const reply = next();
      child.send({ kind: "run" });
      const m = await reply;
      if (m.kind === "failed") throw new Error(`${contestant} failed: ${m.error}`);
      return m as Measured;
    },
    stop: () => child.send({ kind: "exit" }),
  };
}

function row(name: string, m: Measured) {
  const pps = m.pages / m.s;
  console.log(
    `${name.padEnd(28)} ${String(m.pages).padStart(8)} pages ${m.s.toFixed(1).padStart(7)} s ${pps.toFixed(0).padStart(7)} pages/s  peak RSS ${m.peakRssMb.toFixed(0)} MB, heap ${m.peakHeapMb.toFixed(0)} MB`,
  );
  return pps;
}

const auto = { ...defaultOptions(), readerThreads: "auto" as const };
const threadsNote = `reader threads ${READER_THREADS}${READER_THREADS === "auto" ? ` (${readerThreads(auto, Number.POSITIVE_INFINITY)} here)` : ""}`;

if (values.big) {
  const srv = await startServer(false);
  const urls = Array.from(
    { length: SITES },
    (_, i) => `http://s${i}.${i % 10 === 9 ? "fixture-org.cn" : "fixture.gov.cn"}:${srv.port}/`,
  );
  console.log(`big mode: ${SITES} sites, scale ${SCALE}, concurrency ${CONC}, ${threadsNote}`);
  const ours = await startContestant("ours", urls);
  const m = await ours.run();
  row(`${CONTESTANTS.ours} (memory)`, m);
  console.log(`  when RSS peaked: ${m.atPeak}`);
  console.log(`peak RSS ${m.peakRssMb.toFixed(0)} MB (target < 300 MB for 200,000 pages across 1,000 sites)`);
  ours.stop();
  srv.child.kill();
} else {
  const srv = await startServer(true);
  const urls = srv.sitePorts.map((p) => `http://127.0.0.1:${p}/`);
  console.log(
    `${SITES} sites, scale ${SCALE}, concurrency ${CONC}, ${values.warmup} warm-up and ${ROUNDS} counted rounds, ${threadsNote}, node ${process.version}`,
  );
  let names = Object.keys(CONTESTANTS) as Contestant[];
  if (values["skip-crawlee"]) names = names.filter((n) => n !== "crawlee");
  if (values.only) names = names.filter((n) => CONTESTANTS[n].includes(values.only as string));
  const running = [];
  for (const n of names) running.push({ n, c: await startContestant(n, urls) });
  const rates = new Map<Contestant, number[]>(names.map((n) => [n, []]));
  const warmup = Math.max(0, Number(values.warmup));
  for (let r = 0; r < warmup; r++) {
    console.log(`warm-up round ${r + 1} (not counted)`);
    for (const { n, c } of running) row(CONTESTANTS[n], await c.run());
  }
  for (let r = 0; r < ROUNDS; r++) {
    console.log(`round ${r + 1}`);
    for (let k = 0; k < running.length; k++) {
      const { n, c } = running[(r + k) % running.length] as (typeof running)[number];
      rates.get(n)?.push(row(CONTESTANTS[n], await c.run()));
    }
  }
  for (const { c } of running) c.stop();
  const median = (xs: number[] = []) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const rate = (n: Contestant) => (rates.has(n) ? median(rates.get(n)) : Number.NaN);
  console.log("medians (pages/s):");
  for (const n of names) console.log(`  ${CONTESTANTS[n].padEnd(26)} ${rate(n).toFixed(0).padStart(7)}`);
  const ours = rate("ours");
  console.log(`govscore / crawlee: ${(ours / rate("crawlee")).toFixed(2)}× (target ≥ 5×)`);
  const paired = (rates.get("ours") ?? []).map((r, i) => r / (rates.get("crawlee")?.[i] ?? Number.NaN));
  if (paired.length && rates.has("crawlee"))
    console.log(
      `  round by round: ${paired.map((x) => `${x.toFixed(2)}×`).join(", ")} (median ${median(paired).toFixed(2)}×)`,
    );
  console.log(`govscore / ceiling: ${((100 * ours) / rate("ceiling")).toFixed(0)} % (target ≥ 60 %)`);
  console.log(
    `govscore crawl only / with every static check: ${(rate("crawlOnly") / ours).toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(
    "note: govscore also checks robots, sitemaps, images, attachments and external links; the others do not.",
  );
  srv.child.kill();
}
