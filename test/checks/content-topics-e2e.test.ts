import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { fixtureResolver } from "../../fixtures/server.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions } from "../crawl/helpers.ts";
import { startTopicServer, TOPIC_SITES, TOPICS_AS_OF, type TopicServer } from "./topic-sites.ts";

// The four checks of issue 18 that look past the columns, through the real engine: a clean county
// portal and one site per planted defect, served on 127.0.0.1. Each site must report exactly what
// was planted in it, and the clean one nothing.
const CHECKS = [
  "column.required-missing",
  "column.stats-stale",
  "report.annual-missing",
  "interpretation.unlinked",
];
const NAMES = Object.keys(TOPIC_SITES);

let server: TopicServer;
let closed: number;
const reports = new Map<string, InspectionReport>();

async function inspect(readerThreads: number): Promise<Map<string, InspectionReport>> {
  const sites = NAMES.map((n) => server.url(n));
  const rs = await inspectSites({
    sites,
    asOf: TOPICS_AS_OF,
    options: testOptions({ readerThreads }),
    resolver: fixtureResolver,
    // No https side: the probe goes to a closed port rather than to 443.
    schemeProbe: (site) => ({ http: site, https: `https://${new URL(site).hostname}:${closed}/` }),
  });
  return new Map(rs.map((r, i) => [NAMES[i] as string, r]));
}

before(async () => {
  server = await startTopicServer();
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
  closed = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  for (const [k, v] of await inspect(0)) reports.set(k, v);
});
after(() => server.close());

/** Our checks' findings, without the WARC record and with the site's origin cut off the URLs. */
function ours(name: string, r = reports.get(name) as InspectionReport) {
  const origin = server.url(name).replace(/\/$/, "");
  return r.findings
    .filter((f) => CHECKS.includes(f.check))
    .map(({ record: _record, ...f }) =>
      Object.fromEntries(
        Object.entries(f).map(([k, v]) => [k, typeof v === "string" ? v.replace(origin, "") : v]),
      ),
    );
}

test("every site was crawled whole", () => {
  for (const n of NAMES) {
    const r = reports.get(n) as InspectionReport;
    assert.equal(r.checks["site.unreachable"]?.outcome, "pass", n);
    assert.ok(r.pages.fetched >= 25, `${n}: ${JSON.stringify(r.pages)}`);
  }
});

test("the clean site: all four checks pass", () => {
  const r = reports.get("clean") as InspectionReport;
  assert.deepEqual(ours("clean"), []);
  for (const id of CHECKS) assert.equal(r.checks[id]?.outcome, "pass", id);
});

test("column.required-missing: the columns left out of the menus, one finding each", () => {
  assert.deepEqual(ours("columns"), [
    { check: "column.required-missing", page: "/", column: "负责人信息", columnId: "leaders" },
    { check: "column.required-missing", page: "/", column: "政策解读", columnId: "interpretation" },
  ]);
  // Without interpretations there is nothing to link: policies alone are not unlinked.
  assert.equal(reports.get("columns")?.checks["interpretation.unlinked"]?.outcome, "pass");
});

test("column.stats-stale: 办件统计 older than 3 months, 信件统计 without a date", () => {
  assert.deepEqual(ours("stats"), [
    {
      check: "column.stats-stale",
      statsKind: "message",
      page: "/hd/xjtj/",
      name: "信件统计",
      latest: null,
      limitMonths: 2,
    },
    {
      check: "column.stats-stale",
      statsKind: "service",
      page: "/zwfw/bjtj/",
      name: "办件统计",
      latest: "2025-11-20",
      ageDays: 101,
      limitMonths: 3,
    },
  ]);
});

test("report.annual-missing: as of 2026-03-01 the 2025 report is due; a notice about preparing it is not it", () => {
  assert.deepEqual(ours("report"), [
    { check: "report.annual-missing", page: "/zwgk/ndbg/", year: 2025, latestFound: 2024 },
  ]);
});

test("interpretation.unlinked: a policy that does not link its interpretation, an interpretation that links no document", () => {
  assert.deepEqual(ours("unlinked"), [
    {
      check: "interpretation.unlinked",
      page: "/zwgk/zcjd/t20251216_2.html",
      kind: "interpretation",
      title: "一图读懂《某县乡村振兴三年行动方案》",
      document: "/zwgk/zcwj/t20251215_3.html",
    },
    {
      check: "interpretation.unlinked",
      page: "/zwgk/zcwj/t20260210_1.html",
      kind: "policy",
      title: "关于印发《某县促进消费若干措施》的通知",
      interpretation: "/zwgk/zcjd/t20260211_1.html",
    },
  ]);
});

test("the facts behind the findings survive a reader thread (structured clone) unchanged", async () => {
  const threaded = await inspect(1);
  for (const n of NAMES) assert.deepEqual(ours(n, threaded.get(n)), ours(n), n);
});
