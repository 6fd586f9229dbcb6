import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEMO_CATEGORY, type DemoEvaluation, runDemoEvaluation } from "../../src/demo/demo-evaluation.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";
import { call, login, type Running, startServer } from "./support.ts";

const backend = backends[0] as (typeof backends)[number];

describe("the demo's workspace reaches its fixture servers and nothing else private", () => {
  let store: Store;
  let dir: string;
  let demo: DemoEvaluation;
  let server: Running;
  const hits: string[] = [];
  const loopbackService = createServer((q, s) => {
    hits.push(q.url ?? "");
    s.end("<title>an internal service</title>");
  });
  let otherPort = 0;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "govscore-demo-policy-"));
    store = await backend.open();
    await new Promise<void>((r) => loopbackService.listen(0, "127.0.0.1", () => r()));
    otherPort = (loopbackService.address() as AddressInfo).port;
    demo = await runDemoEvaluation(store.db, {
      sites: 1,
      warcDir: join(dir, "warc"),
      releaseDir: join(dir, "release"),
      siteDir: join(dir, "site"),
      workspace: false,
      keepSites: true,
    });
    // The workspace as `govscore demo` serves it: the demo's crawl policy, private addresses off.
    server = await startServer(store, { ...demo.crawl });
  });
  after(async () => {
    await server?.close();
    await demo?.server?.close();
    loopbackService.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("an evaluator's inspection of http://127.0.0.1:<another port>/ is refused; the fixture site is inspected", async () => {
    assert.deepEqual(demo.crawl.allowEndpoints, [`127.0.0.1:${demo.server?.port}`]);
    // A body whose registered site is a loopback service beside the demo's.
    const csv = [
      "kind,body_id,name,categories,level,url",
      `body,evil,内网服务,${DEMO_CATEGORY},other,`,
      `website,evil,,,,http://127.0.0.1:${otherPort}/`,
      `body,evil2,本机其他端口,${DEMO_CATEGORY},other,`,
      `website,evil2,,,,http://s0.fixture.gov.cn:${otherPort}/`,
    ].join("\n");
    const imported = await importRegistryCsv(store.db, "evil.csv", Buffer.from(csv));
    assert.deepEqual(
      imported.problems.filter((p) => p.severity === "error"),
      [],
    );
    const b = server.base;
    const ev = await login(b, "evaluator");
    const created = await call(b, "POST", "/api/evaluations", ev, {
      code: "probe-2026",
      framework: "cn-website-checklist-2019",
      asOf: "2026-11-01",
      categories: [DEMO_CATEGORY],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const started = await call(b, "POST", "/api/evaluations/probe-2026/inspections", ev, { maxPages: 5 });
    assert.equal(started.status, 202, JSON.stringify(started.json));
    await server.app.runs.settle();
    const rows = await store.db
      .selectFrom("inspection")
      .innerJoin("website", "website.id", "inspection.website_id")
      .innerJoin("evaluation", "evaluation.id", "inspection.evaluation_id")
      .select(["website.body_id as bodyId", "inspection.report"])
      .where("evaluation.code", "=", "probe-2026")
      .execute();
    const report = (id: string) => {
      const r = rows.find((x) => x.bodyId === id)?.report;
      assert.ok(r, `a report for ${id}`);
      return typeof r === "string" ? r : JSON.stringify(r);
    };
    assert.match(report("evil"), /policy-refused/);
    assert.match(report("evil2"), /policy-refused/);
    assert.doesNotMatch(report("demo-s0"), /policy-refused/);
    assert.deepEqual(hits, [], "the loopback service was never reached");
  });
});
