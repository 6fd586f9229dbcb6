// National-scale simulation: N fixture sites (default 14,000) capped at 50 pages each, served on
// 127.0.0.1 by a child process, inspected through the Postgres queue by 1, 2 and 4 `govscore
// worker` processes in turn, then scored and released. Prints pages per second, the speed-up per
// added worker, peak memory per worker and the database size.
//   npm run bench:national -- [--sites 14000] [--workers 1,2,4] [--concurrency 32] [--max-pages 50]
// Uses DATABASE_URL when it names a Postgres server, else starts a cluster of its own
// (scripts/postgres-for-tests.sh on port 54332).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { createEvaluation } from "../src/evaluations/members.ts";
import { scoreEvaluation } from "../src/evaluations/score-evaluation.ts";
import { builtinPath, parseFramework } from "../src/frameworks/load.ts";
import { enqueueEvaluation, openQueue } from "../src/jobs/pg-queue.ts";
import { loadDatabaseRelease } from "../src/publish/from-evaluations.ts";
import { produceRelease } from "../src/publish/produce.ts";
import { importRegistryCsv } from "../src/registry/import-registry.ts";
import { openStore } from "../src/store/open.ts";

const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "14000" },
    workers: { type: "string", default: "1,2,4" },
    concurrency: { type: "string", default: "32" },
    "max-pages": { type: "string", default: "50" },
  },
});
const SITES = Number(values.sites);
const WORKERS = values.workers.split(",").map(Number);

function database(): string {
  if (process.env.DATABASE_URL?.startsWith("postgres")) return process.env.DATABASE_URL;
  const out = execFileSync("scripts/postgres-for-tests.sh", {
    env: { ...process.env, GOVSCORE_TEST_PG_PORT: "54332", GOVSCORE_TEST_PG_DIR: "/tmp/govscore-bench-pg" },
    encoding: "utf8",
  });
  const base = /GOVSCORE_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1] as string;
  return base;
}

async function fixtureServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "fixtures/serve.ts", "--seed", "14000", "--sites", String(SITES)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line: string = await new Promise((r) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", r),
  );
  return { child, port: Number(/:(\d+)/.exec(line)?.[1]) };
}

/** Peak resident memory of a process (VmHWM), MiB. */
function peakMb(pid: number): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

const url = database();
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query("drop database if exists govscore_national");
await admin.query("create database govscore_national");
await admin.end();
const dbUrl = url.replace(/\/[^/]*$/, "/govscore_national");
const store = await openStore({ kind: "postgres", url: dbUrl });
const server = await fixtureServer();
const framework = builtinPath("cn-website-checklist-2019");
const source = readFileSync(framework, "utf8");

const rows = ["kind,body_id,name,categories,level,url"];
for (let i = 0; i < SITES; i++)
  rows.push(
    `body,n-${i},单位${i},地市,prefectural,`,
    `website,n-${i},,,,http://s${i}.fixture.gov.cn:${server.port}/`,
  );
const t0 = performance.now();
await importRegistryCsv(store.db, "national.csv", Buffer.from(rows.join("\n")));
console.log(
  `registry of ${SITES} bodies and sites imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const results: { workers: number; s: number; pages: number; rate: number; peak: number[] }[] = [];
for (const n of WORKERS) {
  const code = `national-${n}w`;
  await createEvaluation(store.db, {
    code,
    name: code,
    framework: parseFramework(source, framework),
    frameworkSource: source,
    asOf: "2026-11-01",
    categories: ["地市"],
  });
  // Workers start (load code, connect, migrate-check) before the clock does: the figure is the
  // steady rate of inspection, not process start-up.
  const workers = Array.from({ length: n }, () =>
    spawn(
      process.execPath,
      [
        "bin/govscore.js",
        "worker",
        "--concurrency",
        values.concurrency,
        "--allow-private",
        "--delay",
        "0",
        "--resolve",
        "*.fixture.gov.cn=127.0.0.1",
        "--resolve",
        "*.fixture-ext.cn=127.0.0.1",
      ],
      {
        env: { ...process.env, DATABASE_URL: dbUrl, CI: "", GOVSCORE_LANG: "en" },
        stdio: ["ignore", "pipe", "ignore"],
      },
    ),
  );
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((ready) => {
          const rl = createInterface({ input: w.stdout as NodeJS.ReadableStream });
          rl.on("line", (l) => {
            if (/ready/.test(l)) ready();
          });
        }),
    ),
  );
  const boss = await openQueue(dbUrl);
  await enqueueEvaluation(store.db, boss, code, { maxPages: Number(values["max-pages"]) });
  await boss.stop({ graceful: false });
  const started = performance.now();
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  let done = 0;
  let peaks: number[] = [];
  while (done < SITES) {
    await sleep(2000);
    peaks = workers.map((w, i) => Math.max(peaks[i] ?? 0, peakMb(w.pid as number)));
    const r = await c.query(
      "select count(*)::int as n from inspection i join evaluation e on e.id = i.evaluation_id where e.code = $1",
      [code],
    );
    done = (r.rows[0] as { n: number }).n;
    process.stderr.write(`\r${code}: ${done}/${SITES} sites`);
  }
  const s = (performance.now() - started) / 1000;
  const pr = await c.query(
    "select coalesce(sum((report->'pages'->>'fetched')::int + (report->'pages'->>'failed')::int), 0)::bigint as p from inspection i join evaluation e on e.id = i.evaluation_id where e.code = $1",
    [code],
  );
  await c.end();
  for (const w of workers) w.kill("SIGTERM");
  const pages = Number((pr.rows[0] as { p: string }).p);
  results.push({ workers: n, s, pages, rate: pages / s, peak: peaks });
  process.stderr.write("\n");
  const ts = performance.now();
  await scoreEvaluation(store.db, code);
  const scored = (performance.now() - ts) / 1000;
  const tr = performance.now();
  const released = await release(code);
  console.log(
    `${n} worker(s): ${pages} pages in ${s.toFixed(1)} s = ${(pages / s).toFixed(0)} pages/s; peak RSS per worker ${peaks.map((p) => p.toFixed(0)).join(", ")} MiB; scored in ${scored.toFixed(1)} s; released (${released.files} files, results site of ${released.pages} pages, no PDF) in ${((performance.now() - tr) / 1000).toFixed(1)} s`,
  );
}
const one = results[0];

/** The release of the run, as `govscore release --evaluation` makes it (kept in memory). */
async function release(evaluation: string): Promise<{ files: number; pages: number }> {
  const input = await loadDatabaseRelease(
    store.db,
    { evaluations: [evaluation], publishTiers: ["合格", "不合格"] },
    { ranking: "dense", year: 2026 },
  );
  const produced = await produceRelease(input, { pdf: false, site: true });
  return { files: produced.out.size, pages: produced.site.size };
}
for (const r of results.slice(1))
  if (one)
    console.log(
      `speed-up ${one.workers}→${r.workers} workers: ${(r.rate / one.rate).toFixed(2)}× (${((r.rate - one.rate) / one.rate / (r.workers - one.workers)).toFixed(2)} of one worker's rate per added worker)`,
    );
const size = await new pg.Client({ connectionString: dbUrl });
await size.connect();
const sz = await size.query("select pg_size_pretty(pg_database_size(current_database())) as s");
console.log(`database size: ${(sz.rows[0] as { s: string }).s}`);
await size.end();
server.child.kill("SIGTERM");
await store.close();
