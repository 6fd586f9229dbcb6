// fast-check arbitraries of site shapes. `GOVSCORE_SHAPE_SIZE=large` (npm run test:shapes) draws
// from the generator's whole range (up to 500 sites, 5,000 pages, 2 MB pages); the default draws
// shapes small enough for `npm test`, still of every make-up.
import fc from "fast-check";
import type { Shape } from "../../fixtures/shapes/shape.ts";

export const LARGE = process.env.GOVSCORE_SHAPE_SIZE === "large";

/** Runs of each property: GOVSCORE_SHAPE_RUNS, else a small number for npm test. */
export function runs(small: number): number {
  const n = Number(process.env.GOVSCORE_SHAPE_RUNS);
  return Number.isInteger(n) && n > 0 ? n : small;
}

export function shapeArb(): fc.Arbitrary<Shape> {
  const sites = LARGE ? fc.integer({ min: 1, max: 500 }) : fc.integer({ min: 1, max: 6 });
  const pages = LARGE ? fc.integer({ min: 1, max: 5_000 }) : fc.integer({ min: 1, max: 150 });
  const bytes = LARGE ? fc.integer({ min: 1_000, max: 2_000_000 }) : fc.integer({ min: 1_000, max: 120_000 });
  return (
    fc
      .record({
        seed: fc.integer({ min: 1, max: 2 ** 30 }),
        sites,
        pagesPerSite: pages,
        sizeA: bytes,
        sizeB: bytes,
        linksPerPage: fc.integer({ min: 0, max: LARGE ? 200 : 30 }),
        listDepth: fc.integer({ min: 1, max: LARGE ? 100 : 25 }),
        gbkShare: fc.double({ min: 0, max: 1, noNaN: true }),
        brokenShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
        pdfsPerArticle: fc.integer({ min: 0, max: LARGE ? 10 : 3 }),
        imagesPerArticle: fc.integer({ min: 0, max: LARGE ? 10 : 3 }),
        delayMs: fc.integer({ min: 0, max: LARGE ? 2_000 : 150 }),
        slowShare: fc.double({ min: 0, max: LARGE ? 0.2 : 0.3, noNaN: true }),
        drip: fc.option(
          fc.record({
            bytes: fc.integer({ min: 256, max: 16_384 }),
            everyMs: fc.integer({ min: 1, max: 20 }),
          }),
        ),
        keepAlive: fc.boolean(),
        queryPagingShare: fc.double({ min: 0, max: 1, noNaN: true }),
        sitemapShare: fc.double({ min: 0, max: 1, noNaN: true }),
        externalLinks: fc.integer({ min: 0, max: 3 }),
      })
      .filter((r) => !LARGE || r.sites * r.pagesPerSite <= 100_000)
      // The slowest page must arrive well within the crawler's 30 s total timeout, or the shape
      // would imply timeouts rather than pages.
      .filter((r) => {
        const longest = Math.max(r.sizeA, r.sizeB);
        const drip = r.drip ? (longest / r.drip.bytes) * r.drip.everyMs : 0;
        return r.slowShare === 0 || r.delayMs + drip < (LARGE ? 10_000 : 1_500);
      })
      .map(({ sizeA, sizeB, ...r }) => ({
        ...r,
        pageBytes: [Math.min(sizeA, sizeB), Math.max(sizeA, sizeB)] as [number, number],
      }))
  );
}
