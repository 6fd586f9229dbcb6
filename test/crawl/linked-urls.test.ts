// A link is requested, and archived, as the page wrote it: a CMS that pages by
// `list.jsp?uid=4521&pageNum=2` answers another order of the same parameters with another page
// (here: none), so sorting them for the request lost every list page past the first.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startShapeServer } from "../../fixtures/shapes/server.ts";
import { expectedPages, preset } from "../../fixtures/shapes/shape.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { runCli } from "../support/run-cli.ts";

test("query-paged lists: every page fetched and archived under the URL its page links", async () => {
  const shape = preset("small", 21, {
    sites: 1,
    pagesPerSite: 300,
    listDepth: 6,
    queryPagingShare: 1,
    brokenShare: 0,
  });
  const server = await startShapeServer(shape);
  const dir = mkdtempSync(join(tmpdir(), "govscore-linked-"));
  try {
    const r = await runCli([
      "inspect",
      "--json",
      "--no-a11y",
      "--allow-private",
      "--delay",
      "0",
      "--warc",
      dir,
      server.url(0),
    ]);
    assert.equal(r.code, 0, r.stderr);
    const [report] = JSON.parse(r.stdout) as InspectionReport[];
    const e = expectedPages(shape, 0, { maxPages: 500, maxDepth: 8, maxQueryVariants: 20 });
    assert.deepEqual(report?.pages, { fetched: e.fetched, failed: 0, skipped: report?.pages.skipped });
    assert.equal(e.fetched, 300);
    const warc = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), "latin1"))
      .join("");
    const listUrls = [...warc.matchAll(/WARC-Target-URI: (\S*list\.jsp\S*)/g)].map((m) => m[1] as string);
    assert.ok(listUrls.length > 10, `${listUrls.length} list pages archived`);
    for (const u of listUrls) assert.match(u, /\?uid=\d+&pageNum=\d+$/, "archived as linked");
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
