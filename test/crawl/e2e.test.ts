import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { groundTruth } from "../../fixtures/site.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions, testSeed } from "./helpers.ts";

const seed = testSeed();
const SITES = 12;
let server: FixtureServer;
let reports: InspectionReport[];

before(async () => {
  server = await startFixtureServer({ seed, sites: SITES });
  reports = await inspectSites({
    sites: Array.from({ length: SITES }, (_, i) => server.url(i)),
    asOf: "2026-11-01",
    options: testOptions(),
    resolver: fixtureResolver,
  });
});
after(() => server.close());

const PLANTED = new Set([
  "link.broken",
  "image.broken",
  "attachment.broken",
  "link.broken-external",
  "charset.mismatch",
]);

test(`every planted defect is found on every page, and nothing else (seed ${seed})`, () => {
  for (let i = 0; i < SITES; i++) {
    const origin = server.url(i).replace(/\/$/, "");
    const report = reports[i] as InspectionReport;
    const expected = new Set(
      groundTruth(server.spec(i)).map((f) => {
        const target =
          f.target === ""
            ? ""
            : new URL(f.target.replace("__PORT__", String(server.port)), `${origin}/`).href;
        return `${f.check} ${origin}${f.page} ${target}`;
      }),
    );
    const actual = new Set(
      report.findings
        .filter((f) => PLANTED.has(f.check))
        .map((f) => `${f.check} ${f.page} ${f.check === "charset.mismatch" ? "" : String(f.target)}`),
    );
    const missing = [...expected].filter((e) => !actual.has(e));
    const extra = [...actual].filter((a) => !expected.has(a));
    assert.deepEqual(missing, [], `site ${i}: planted defects not reported`);
    assert.deepEqual(extra, [], `site ${i}: reported defects that were not planted`);
    assert.ok(expected.size > 0 || i >= 0);
  }
  // The fixtures must actually plant something of each kind across the sites.
  const kinds = new Set(reports.flatMap((r) => r.findings.map((f) => f.check)));
  for (const k of ["link.broken", "image.broken", "attachment.broken", "link.broken-external"])
    assert.ok(kinds.has(k), k);
});

test("nothing behind robots.txt disallow is fetched", () => {
  const hits = server.log.filter((l) => / \/private\//.test(l) || / \/admin\//.test(l));
  assert.deepEqual(hits, []);
});

test("traps stay bounded: calendar never crawled, query variants capped", () => {
  const calendar = server.log.filter((l) => l.includes("/calendar")).length;
  assert.equal(calendar, 0);
  for (let i = 0; i < SITES; i++) {
    const host = new URL(server.url(i)).hostname;
    // The search.broken probe asks the site's search once more, beside the crawl.
    const probe = reports[i]?.facts["search.url"];
    const asked =
      typeof probe === "string" ? ` ${host} ${new URL(probe).pathname}${new URL(probe).search}` : null;
    const search = server.log.filter(
      (l) => l.includes(` ${host} /search?`) && !(asked && l.endsWith(asked)),
    ).length;
    assert.ok(search <= 5, `site ${i}: ${search} search variants fetched`);
  }
});

test("report follows the govscore.inspection/1 contract", () => {
  for (const r of reports) {
    assert.equal(r.schema, "govscore.inspection/1");
    assert.equal(r.asOf, "2026-11-01");
    assert.ok(r.pages.fetched > 5);
    for (const id of [
      "site.unreachable",
      "https.missing",
      "domain.not-gov",
      "link.broken",
      "charset.mismatch",
    ])
      assert.ok(r.checks[id], id);
    assert.equal(r.checks["site.unreachable"]?.outcome, "pass");
    for (const [id, c] of Object.entries(r.checks))
      assert.equal(c.count, r.findings.filter((f) => f.check === id).length, id);
  }
  // One site in ten is outside gov.cn.
  assert.equal(reports[9]?.checks["domain.not-gov"]?.outcome, "fail");
  assert.equal(reports[0]?.checks["domain.not-gov"]?.outcome, "pass");
});

test("every distinct URL is fetched once per run", () => {
  const gets = server.log.filter((l) => l.startsWith("GET ") && !l.includes("/robots.txt"));
  const dup = gets.filter((l, i) => gets.indexOf(l) !== i);
  assert.deepEqual(dup.slice(0, 5), []);
});
