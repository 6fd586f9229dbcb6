import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { createDispatcher, defaultResolver, type FetchOptions } from "../../src/crawl/fetch.ts";
import { getEvaluation } from "../../src/evaluations/evaluation-store.ts";
import { createEvaluation } from "../../src/evaluations/members.ts";
import { scoreEvaluation } from "../../src/evaluations/score-evaluation.ts";
import { builtinPath, parseFramework } from "../../src/frameworks/load.ts";
import { pruneProbes, windowSummary } from "../../src/monitor/history.ts";
import { probeFetchOptions } from "../../src/monitor/probe.ts";
import {
  type AlertEvent,
  addEvaluationTargets,
  evaluationVerdicts,
  runDueProbes,
} from "../../src/monitor/run.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";

/** A homepage that leaves every n-th request unanswered (the connection is dropped). */
function flakySite(everyNth: number): Promise<{ server: Server; url: string; requests: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    if (n % everyNth === 0) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<html><body><ul><li>通知 2026-10-30</li></ul></body></html>`);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        requests: () => n,
      }),
    ),
  );
}

const T0 = Date.parse("2026-11-01T00:00:00+08:00");
const HOUR = 3_600_000;

for (const backend of backends) {
  describe(`continuous monitoring over a simulated week (${backend.name})`, { skip: backend.skip }, () => {
    let store: Store;
    let sites: Awaited<ReturnType<typeof flakySite>>[];
    before(async () => {
      store = await backend.open();
      // Down 10 % of the time, and down 3 % of the time (every 33rd request: 5 of 168, 2.98 %).
      sites = [await flakySite(10), await flakySite(33)];
      const csv = [
        "kind,body_id,name,categories,level,division_code,url",
        "body,m-down10,十分之一不可用,地市,prefectural,440600,",
        `website,m-down10,,,,,${sites[0]?.url}`,
        "body,m-down3,百分之三不可用,地市,prefectural,320500,",
        `website,m-down3,,,,,${sites[1]?.url}`,
      ].join("\n");
      await importRegistryCsv(store.db, "m.csv", Buffer.from(csv));
      const file = builtinPath("cn-website-checklist-2019");
      const source = readFileSync(file, "utf8");
      await createEvaluation(store.db, {
        code: "m-week",
        name: "监测",
        framework: parseFramework(source, file),
        frameworkSource: source,
        asOf: "2026-11-08",
        categories: ["地市"],
      });
    });
    after(async () => {
      await store?.close();
      for (const s of sites ?? []) s.server.close();
    });

    test("down 10 % of a week's probes → 站点无法访问 veto and one alert; down 3 % → neither", async () => {
      assert.equal(await addEvaluationTargets(store.db, "m-week", 24, T0 - 1), 2);
      assert.equal(await addEvaluationTargets(store.db, "m-week", 24, T0 - 1), 0, "a site is watched once");
      const base: FetchOptions = {
        connectTimeoutMs: 2000,
        headersTimeoutMs: 2000,
        bodyTimeoutMs: 2000,
        totalTimeoutMs: 2000,
        maxBodyBytes: 1 << 20,
        maxRedirects: 5,
        userAgent: "govscore-test",
        policy: { allowPrivate: true, allowHosts: [] },
        resolver: defaultResolver,
      };
      const fetch = probeFetchOptions(base);
      const dispatcher = createDispatcher(fetch, 4);
      const alerts: AlertEvent[] = [];
      let clock = T0;
      let probes = 0;
      try {
        // Rounds every 10 simulated minutes through the week; each site is due once an hour.
        for (clock = T0; clock < T0 + 7 * 24 * HOUR; clock += HOUR / 6)
          probes += await runDueProbes(store.db, {
            now: () => clock,
            fetch,
            dispatcher,
            onAlert: (a) => alerts.push(a),
          });
      } finally {
        await dispatcher.close();
      }
      assert.equal(probes, 2 * 24 * 7, "24 probes a day per site, spread, none missed, none doubled");
      assert.deepEqual(
        sites.map((s) => s.requests()),
        [168, 168],
      );

      const verdicts = await evaluationVerdicts(store.db, "m-week", true);
      const by = new Map(verdicts.map((v) => [v.bodyId, v]));
      assert.deepEqual(
        [by.get("m-down10")?.unanswered, by.get("m-down3")?.unanswered],
        [16, 5],
        "every 10th and every 33rd of the 168 requests",
      );
      assert.equal(by.get("m-down10")?.sufficient, true);
      assert.equal(by.get("m-down10")?.unreachableVeto, true);
      assert.equal(by.get("m-down3")?.unreachableVeto, false);

      const { scores } = await scoreEvaluation(store.db, "m-week");
      const result = new Map(scores.bodies.map((b) => [b.bodyId, b]));
      assert.match(result.get("m-down10")?.reason ?? "", /站点无法访问/);
      assert.doesNotMatch(result.get("m-down3")?.reason ?? "", /站点无法访问/);

      const raised = alerts.filter((a) => a.event === "alert.raised" && a.kind === "unreachable");
      assert.deepEqual(
        raised.map((a) => a.site),
        [sites[0]?.url],
        "the 10 % site raised one alert; the 3 % site none",
      );
      const open = await store.db
        .selectFrom("monitor_alert")
        .select(["target_id"])
        .where("cleared_at", "is", null)
        .where("kind", "=", "unreachable")
        .execute();
      assert.equal(open.length, 1);
    });

    test("a year of history stays small: raw probes are pruned, day summaries keep the counts", async () => {
      const ev = await getEvaluation(store.db, "m-week");
      assert.ok(ev);
      const target = await store.db
        .selectFrom("monitor_target")
        .select("id")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const beforePrune = await windowSummary(store.db, target.id, "2026-11-07", 7);
      const deleted = await pruneProbes(store.db, T0 + 30 * 24 * HOUR);
      assert.equal(deleted, 2 * 168);
      assert.deepEqual(await windowSummary(store.db, target.id, "2026-11-07", 7), beforePrune);
      const days = await store.db
        .selectFrom("probe_day")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(days.n), 2 * 7, "one row per site and day");
    });
  });
}
