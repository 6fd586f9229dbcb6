// Property: any shape from the generator, inspected in one `govscore inspect` call (the real
// command, a process of its own), finishes with a report for every site, in order, each complete
// and with the pages the shape implies. `npm test` draws a few small shapes; `npm run test:shapes`
// draws many from the generator's whole range (GOVSCORE_SHAPE_RUNS, GOVSCORE_SHAPE_SIZE=large).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { startShapeServer } from "../../fixtures/shapes/server.ts";
import { expectedPages, preset } from "../../fixtures/shapes/shape.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { runCli } from "../support/run-cli.ts";
import { LARGE, runs, shapeArb } from "./arbitrary.ts";

const LIMITS = { maxDepth: 8, maxQueryVariants: 20 };

test("any shape: a report for every site, each with the pages its shape implies", {
  timeout: LARGE ? 0 : 600_000,
}, async () => {
  await fc.assert(
    fc.asyncProperty(shapeArb(), async (shape) => {
      const server = await startShapeServer(shape);
      try {
        const maxPages = shape.pagesPerSite * 2 + 50;
        const urls = server.urls();
        const r = await runCli([
          "inspect",
          "--json",
          "--no-a11y",
          "--allow-private",
          "--as-of",
          "2026-11-01",
          "--delay",
          "0",
          "--per-host",
          "4",
          "--max-pages",
          String(maxPages),
          "--site-budget",
          "900",
          ...urls,
        ]);
        assert.equal(r.code, 0, r.stderr.slice(0, 2000));
        const reports = JSON.parse(r.stdout) as InspectionReport[];
        assert.deepEqual(
          reports.map((x) => x.site),
          urls,
        );
        reports.forEach((rep, i) => {
          const e = expectedPages(shape, i, { maxPages, ...LIMITS });
          assert.equal(
            rep.facts["inspection.status"],
            "complete",
            `${rep.site}: ${JSON.stringify(rep.notes)}`,
          );
          if (e.exact)
            assert.deepEqual(
              { fetched: rep.pages.fetched, failed: rep.pages.failed },
              { fetched: e.fetched, failed: e.failed },
              rep.site,
            );
          else assert.ok(rep.pages.fetched + rep.pages.failed <= maxPages);
        });
      } finally {
        await server.close();
      }
    }),
    {
      numRuns: runs(LARGE ? 20 : 3),
      endOnFailure: true,
      // Always among them: a call of 500 sites, the most a shape may have, which must work as one of 3 does.
      examples: [
        [preset("small", 11, { sites: 500, pagesPerSite: 3, pageBytes: [2_000, 6_000], externalLinks: 2 })],
      ],
    },
  );
});
