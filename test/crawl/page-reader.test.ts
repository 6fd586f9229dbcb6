import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { inspectSites, readerThreads } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions, testSeed } from "./helpers.ts";

const seed = testSeed();
const SITES = 6;
let server: FixtureServer;

before(async () => {
  server = await startFixtureServer({ seed, sites: SITES });
});
after(() => server.close());

/** A report without its clock readings (and the slow check that reads them). */
function timeless(r: InspectionReport): unknown {
  const { startedAt: _s, finishedAt: _f, ...rest } = r;
  return {
    ...rest,
    findings: rest.findings.filter((f) => f.check !== "site.slow"),
    checks: Object.fromEntries(Object.entries(rest.checks).filter(([k]) => k !== "site.slow")),
  };
}

test(`reader threads give the same reports as reading in the crawler's thread (seed ${seed})`, async () => {
  const run = async (threads: number) => {
    const options = testOptions();
    options.readerThreads = threads;
    return inspectSites({
      sites: Array.from({ length: SITES }, (_, i) => server.url(i)),
      asOf: "2026-11-01",
      options,
      resolver: fixtureResolver,
    });
  };
  const inline = await run(0);
  const threaded = await run(2);
  assert.ok(inline.reduce((n, r) => n + r.pages.fetched, 0) > 100, "the sites were crawled");
  assert.ok(
    inline.some((r) => r.findings.length > 0),
    "and something was found",
  );
  assert.deepEqual(threaded.map(timeless), inline.map(timeless));
});

test("reader threads: none for a small crawl, one per spare core (at most 4) for a big one", () => {
  const o = testOptions();
  o.readerThreads = "auto";
  o.crawl.maxPages = 100;
  assert.equal(readerThreads(o, 1), 0);
  assert.ok(readerThreads(o, 1000) <= 4);
  o.readerThreads = 3;
  assert.equal(readerThreads(o, 1), 3);
});
