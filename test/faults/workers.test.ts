import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type FixtureServer, startFixtureServer } from "../../fixtures/server.ts";
import { EXTERNAL_HOST_DEAD, EXTERNAL_HOST_OK } from "../../fixtures/site.ts";
import { createEvaluation } from "../../src/evaluations/members.ts";
import { parseFramework } from "../../src/frameworks/load.ts";
import { enqueueEvaluation, openQueue } from "../../src/jobs/pg-queue.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import { buildApp } from "../../src/server/app.ts";
import { createAccount } from "../../src/server/routes/accounts.ts";
import { openStore, type Store } from "../../src/store/open.ts";
import { clusterUnavailable, startCluster } from "./pg-cluster.ts";

const BIN = fileURLToPath(new URL("../../bin/govscore.js", import.meta.url));
const SITES = 12;
const FRAMEWORK = `
schema: govscore.framework/1
id: fault
version: "1"
kind: composite
name: { zh: 故障测试, en: fault test }
sources: [{ title: test }]
pipeline: { normalise: { method: none }, aggregate: { method: sum } }
tree: { code: index, children: [{ code: links, source: { from: deduction, check: link.broken, perFinding: 1, points: 10 } }] }
`;

interface Worker {
  child: ChildProcess;
  done: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startWorker(url: string, server: FixtureServer): Worker {
  const resolve = [
    ...Array.from({ length: SITES }, (_, i) => new URL(server.url(i)).hostname),
    EXTERNAL_HOST_OK,
    EXTERNAL_HOST_DEAD,
  ].flatMap((h) => ["--resolve", `${h}=127.0.0.1`]);
  const child = spawn(
    process.execPath,
    [
      BIN,
      "worker",
      "--concurrency",
      "2",
      "--allow-private",
      "--max-pages",
      "30",
      "--delay",
      "150",
      "--maintenance-seconds",
      "1",
      ...resolve,
    ],
    { env: { ...process.env, DATABASE_URL: url, CI: "" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  const w: Worker = {
    child,
    done: 0,
    exited: new Promise((r) => child.on("exit", (code, signal) => r({ code, signal }))),
  };
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    w.done += (d.match(/^\[worker \d+\] \d+ /gm) ?? []).length;
  });
  return w;
}

async function waitFor(what: string, cond: () => Promise<boolean>, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const skip = clusterUnavailable();

describe("distributed workers survive faults (npm run test:faults)", { skip }, () => {
  let cluster: ReturnType<typeof startCluster>;
  let server: FixtureServer;
  let store: Store;
  const workers: Worker[] = [];
  const count = async (code: string) => {
    const c = new pg.Client({ connectionString: cluster.url });
    await c.connect();
    try {
      const r = await c.query(
        "select count(*)::int as n, count(distinct website_id)::int as d from inspection i join evaluation e on e.id = i.evaluation_id where e.code = $1",
        [code],
      );
      return r.rows[0] as { n: number; d: number };
    } finally {
      await c.end();
    }
  };

  before(async () => {
    cluster = startCluster(54331);
    server = await startFixtureServer({ seed: 4242, sites: SITES });
    server.logging = false;
    store = await openStore({ kind: "postgres", url: cluster.url });
    const rows = ["kind,body_id,name,categories,level,url"];
    for (let i = 0; i < SITES; i++)
      rows.push(`body,f-${i},单位${i},地市,prefectural,`, `website,f-${i},,,,${server.url(i)}`);
    await importRegistryCsv(store.db, "f.csv", Buffer.from(rows.join("\n")));
    for (const code of ["f-kill", "f-restart"])
      await createEvaluation(store.db, {
        code,
        name: code,
        framework: parseFramework(FRAMEWORK, "fault"),
        frameworkSource: FRAMEWORK,
        asOf: "2026-11-01",
        categories: ["地市"],
      });
  });
  after(async () => {
    for (const w of workers) w.child.kill("SIGKILL");
    await store?.close();
    await server?.close();
    cluster?.stop();
  });

  test("a worker killed (SIGKILL) mid-run: its sites are taken up again, every site's report exactly once", async () => {
    const boss = await openQueue(cluster.url);
    try {
      const q = await enqueueEvaluation(store.db, boss, "f-kill", { expireInSeconds: 8 });
      assert.equal(q.queued, SITES);
      // Queueing again while the jobs wait adds nothing (one job per site).
      assert.equal((await enqueueEvaluation(store.db, boss, "f-kill", { expireInSeconds: 8 })).queued, 0);
    } finally {
      await boss.stop({ graceful: false });
    }
    const a = startWorker(cluster.url, server);
    const b = startWorker(cluster.url, server);
    workers.push(a, b);
    // Kill A as soon as it has finished one site: it is then in the middle of its next ones.
    await waitFor("worker A to finish a site", async () => a.done >= 1);
    a.child.kill("SIGKILL");
    assert.equal((await a.exited).signal, "SIGKILL");
    await waitFor("every site of f-kill", async () => (await count("f-kill")).d === SITES);
    await sleep(1000);
    assert.deepEqual(await count("f-kill"), { n: SITES, d: SITES }, "each site once, none lost, none twice");
    const c = new pg.Client({ connectionString: cluster.url });
    await c.connect();
    try {
      const r = await c.query(
        "select count(*)::int as n from govscore_queue.job where name = 'inspect-site' and retry_count > 0",
      );
      assert.ok((r.rows[0] as { n: number }).n >= 1, "the killed worker's jobs were handed out again");
    } finally {
      await c.end();
    }
    // The workspace shows the same run, across the workers, from the queue itself.
    await createAccount(store.db, {
      username: "f-evaluator",
      displayName: "f",
      password: "correct horse battery",
      role: "evaluator",
    });
    const app = await buildApp({ store });
    try {
      const signIn = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "f-evaluator", password: "correct horse battery" },
      });
      const cookie = signIn.cookies.map((k) => `${k.name}=${k.value}`).join("; ");
      const progress = async () => {
        const r = await app.inject({
          method: "GET",
          url: "/api/evaluations/f-kill/progress",
          headers: { cookie },
        });
        assert.equal(r.statusCode, 200, r.body);
        return r.json() as { inspected: number; queue: Record<string, number> | null };
      };
      // Jobs the killed worker held expire and come back; their sites are done, so they end at once.
      await waitFor("the queue to settle", async () => (await progress()).queue?.completed === SITES);
      const p = await progress();
      assert.equal(p.inspected, SITES);
      assert.deepEqual(p.queue, { created: 0, retry: 0, active: 0, completed: SITES, failed: 0 });
    } finally {
      await app.close();
    }
  });

  test("the Postgres server restarts mid-run: workers reconnect and the run completes, each site once", async () => {
    const boss = await openQueue(cluster.url);
    try {
      await enqueueEvaluation(store.db, boss, "f-restart", { expireInSeconds: 8 });
    } finally {
      await boss.stop({ graceful: false });
    }
    const c = startWorker(cluster.url, server);
    workers.push(c);
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    await waitFor("two f-restart reports", async () => (await count("f-restart")).n >= 2);
    cluster.restart();
    await waitFor("every site of f-restart", async () => (await count("f-restart")).d === SITES);
    await sleep(1000);
    assert.deepEqual(await count("f-restart"), { n: SITES, d: SITES });
    for (const w of alive) assert.equal(w.child.exitCode, null, "the workers lived through the restart");
  });
});
