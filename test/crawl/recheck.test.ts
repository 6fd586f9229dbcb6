import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { inspectSites, recheckArchive } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions, testSeed } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "govscore-warc-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const untimed = (r: InspectionReport) => ({ ...r, startedAt: "", finishedAt: "" });

test("recheck from the WARC archive reproduces the live report without network", async () => {
  const server = await startFixtureServer({ seed: testSeed(), sites: 4 });
  const sites = [0, 1, 2, 3].map((i) => server.url(i));
  const live = await inspectSites({
    sites,
    asOf: "2026-11-01",
    options: testOptions(),
    resolver: fixtureResolver,
    warcDir: dir,
  });
  const served = server.requests;
  await server.close();
  assert.ok(readdirSync(dir).filter((f) => f.endsWith(".warc")).length === 4);
  const again = await recheckArchive(dir);
  assert.equal(again.length, live.length);
  for (let i = 0; i < live.length; i++)
    assert.deepEqual(untimed(again[i] as InspectionReport), untimed(live[i] as InspectionReport));
  // Findings name their evidence.
  const broken = live
    .flatMap((r) => r.findings)
    .filter((f) => f.check.endsWith(".broken") || f.check === "link.broken-external");
  assert.ok(broken.length > 0);
  for (const f of broken) assert.match(String(f.record), /^<urn:uuid:[0-9a-f-]{36}>$/);
  assert.equal(server.requests, served);
});
