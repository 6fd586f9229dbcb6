// The shape generator keeps its own promises: a site has exactly the pages the shape asks for,
// every page it lists is served, every link it prints leads to a page, a broken page or a file,
// and the expected page count follows the crawler's rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  checkShape,
  expectedPages,
  pageLinksOf,
  pagePaths,
  preset,
  resolvePath,
  sitePlan,
} from "../../fixtures/shapes/shape.ts";
import { shapeArb } from "./arbitrary.ts";

const split = (href: string) => {
  const q = href.indexOf("?");
  return q < 0 ? { path: href, search: "" } : { path: href.slice(0, q), search: href.slice(q) };
};

test("a site has exactly the pages its shape asks for, all served and all linked", () => {
  fc.assert(
    fc.property(shapeArb(), fc.nat(), (shape, pick) => {
      const i = pick % shape.sites;
      const paths = pagePaths(shape, i);
      assert.equal(paths.length, shape.pagesPerSite);
      assert.equal(new Set(paths).size, paths.length, "no page twice");
      const plan = sitePlan(shape, i);
      for (const c of plan.columns) assert.ok(c.listPages <= shape.listDepth);
      for (const p of paths) {
        const { path, search } = split(p);
        const ref = resolvePath(plan, path, search);
        assert.ok(ref, `${p} is not served`);
        for (const l of pageLinksOf(shape, plan, ref)) {
          const t = split(l);
          assert.ok(
            resolvePath(plan, t.path, t.search) || /\/gone-\d+\.html$/.test(t.path),
            `${p} links ${l}`,
          );
        }
      }
      // Without limits in the way, the crawl reaches every page and every broken link once.
      const e = expectedPages(shape, i, { maxPages: 1e9, maxDepth: 1e9, maxQueryVariants: 1e9 });
      assert.equal(e.fetched, shape.pagesPerSite);
      assert.ok(e.exact);
    }),
    { numRuns: 200 },
  );
});

test("a query-paged site asks for its parameters in the order it links them", () => {
  const shape = preset("small", 3, { queryPagingShare: 1, listDepth: 3, sites: 1, pagesPerSite: 200 });
  const plan = sitePlan(shape, 0);
  assert.ok(plan.queryPaging);
  const linked = pagePaths(shape, 0).find((p) => p.includes("list.jsp")) as string;
  assert.match(linked, /\?uid=\d+&pageNum=\d+$/);
  const [path, query] = linked.split("?") as [string, string];
  const sorted = `?${query.split("&").sort().join("&")}`;
  assert.ok(resolvePath(plan, path, `?${query}`));
  assert.equal(resolvePath(plan, path, sorted), null, "the sorted form is another (missing) page");
});

test("limits: a depth cut is exact, a page cap is a bound", () => {
  const shape = preset("small", 5, {
    sites: 1,
    pagesPerSite: 2_000,
    listDepth: 60,
    queryPagingShare: 0,
    sitemapShare: 0,
  });
  const deep = expectedPages(shape, 0, { maxPages: 1e9, maxDepth: 3, maxQueryVariants: 1e9 });
  assert.ok(deep.exact && deep.fetched < 2_000);
  const capped = expectedPages(shape, 0, { maxPages: 100, maxDepth: 1e9, maxQueryVariants: 1e9 });
  assert.equal(capped.exact, false);
  assert.equal(capped.fetched + capped.failed, 100);
});

test("shapes outside the generator's range are refused", () => {
  assert.throws(() => checkShape({ ...preset("small"), pagesPerSite: 0 }), /pagesPerSite/);
  assert.throws(() => checkShape({ ...preset("small"), gbkShare: 1.5 }), /gbkShare/);
  assert.throws(() => preset("tiny"), /unknown shape/);
});
