import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { BROWSER_RULES, ruleTitle, STATIC_RULES, WCAG_RULES } from "../../src/a11y/axe.ts";
import { axeJsdom } from "../../src/a11y/jsdom-pass.ts";
import { BodySpool } from "../../src/a11y/spool.ts";
import { a11yFromFlags } from "../../src/cli/a11y-flags.ts";
import { inspectSites, recheckArchive } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions, testSeed } from "../crawl/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "govscore-a11y-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("rule sets: WCAG A/AA only, layout rules kept for the browser", () => {
  assert.ok(STATIC_RULES.includes("image-alt") && STATIC_RULES.includes("html-has-lang"));
  assert.ok(!STATIC_RULES.includes("color-contrast"));
  assert.ok(BROWSER_RULES.includes("color-contrast"));
  assert.ok(!WCAG_RULES.includes("region"), "best-practice rules are not WCAG A/AA");
  assert.deepEqual(ruleTitle("image-alt"), {
    zh: "图像必须有替代文本",
    en: "Images must have alternative text",
  });
});

test("jsdom pass: static HTML only, page scripts never run", async () => {
  const html = `<!DOCTYPE html><html><head><title>t</title></head><body>
    <img src="a.png"><img src="b.png" alt="徽标"><a href="/x"></a>
    <script>document.querySelectorAll("img").forEach(i => i.alt = "x"); document.documentElement.lang = "zh"</script>
  </body></html>`;
  const r = await axeJsdom(html, "https://www.example.gov.cn/");
  const ids = r.violations.map((v) => v.id).sort();
  assert.deepEqual(ids, ["html-has-lang", "image-alt", "link-name"]);
  const img = r.violations.find((v) => v.id === "image-alt");
  assert.equal(img?.nodes, 1);
  assert.deepEqual(img?.targets, ['img[src="a.png"]']);
  assert.ok(r.passes.includes("document-title"));
});

test("spool: keeps HTML bodies, follows the crawl's redirects, drops the rest", () => {
  const s = new BodySpool();
  try {
    const enc = (t: string) => new TextEncoder().encode(t);
    s.put("http://a.gov.cn/", 302, { location: "/index.html" }, new Uint8Array());
    s.put(
      "http://a.gov.cn/index.html",
      200,
      { "content-type": "text/html" },
      enc("<html>首页</html>"),
      "<r1>",
    );
    s.put("http://a.gov.cn/a.pdf", 200, { "content-type": "application/pdf" }, enc("%PDF"));
    s.put("http://a.gov.cn/404", 404, { "content-type": "text/html" }, enc("<html>no</html>"));
    const got = s.get("http://a.gov.cn/");
    assert.equal(got?.url, "http://a.gov.cn/index.html");
    assert.equal(new TextDecoder().decode(got?.body), "<html>首页</html>");
    assert.equal(got?.recordId, "<r1>");
    assert.equal(s.get("http://a.gov.cn/a.pdf"), null);
    assert.equal(s.get("http://a.gov.cn/404"), null);
  } finally {
    s.close();
  }
});

test("flags: --a11y-sample, --no-a11y, --browser", () => {
  assert.deepEqual(a11yFromFlags({}), { articlesPerColumn: 3, maxPages: 200, browser: false });
  assert.equal(a11yFromFlags({ a11ySample: "1" })?.articlesPerColumn, 1);
  assert.equal(a11yFromFlags({ a11y: false }), null);
  assert.throws(() => a11yFromFlags({ a11ySample: "-1" }));
  assert.throws(() => a11yFromFlags({ a11y: false, browser: true }));
});

const untimed = (r: InspectionReport) => ({ ...r, startedAt: "", finishedAt: "" });

test("fixture sites: sample size, findings with evidence, and recheck reproduces the jsdom pass", async () => {
  const server = await startFixtureServer({ seed: testSeed(), sites: 2 });
  const sites = [server.url(0), server.url(1)];
  const run = (n: number, warcDir: string | null) =>
    inspectSites({
      sites,
      asOf: "2026-11-01",
      // Unbounded crawl: a page cap makes which pages got in depend on timing (docs/inspection.md).
      options: testOptions(),
      resolver: fixtureResolver,
      warcDir,
      a11y: { articlesPerColumn: n, maxPages: 40, browser: false },
    });
  const live = await run(2, dir);
  const none = await run(0, null);
  await server.close();
  for (let i = 0; i < live.length; i++) {
    const r = live[i] as InspectionReport;
    const columns = Number(r.facts["columns.count"] ?? 0);
    const sampled = Number(r.facts["a11y.pages"]);
    assert.ok(
      sampled >= 1 && sampled <= Math.min(40, 1 + columns * 3),
      `sample ${sampled} for ${columns} columns`,
    );
    assert.equal(Number((none[i] as InspectionReport).facts["a11y.pages"]), Math.min(40, 1 + columns));
    for (const id of STATIC_RULES) assert.ok(r.checks[`a11y.${id}`], `a11y.${id} ran`);
    for (const f of r.findings.filter((x) => x.check.startsWith("a11y.") && x.engine)) {
      assert.match(String(f.record), /^<urn:uuid:/);
      assert.ok((f.nodes as number) > 0 && (f.targets as string[]).length > 0);
    }
  }
  for (const r of live) {
    const fromAxe = r.findings.filter((f) => f.check.startsWith("a11y.") && f.engine === "jsdom");
    const counted = Object.entries(r.checks)
      .filter(([id]) => id.startsWith("a11y.") && id !== "a11y.no-elder-mode")
      .reduce((n, [, c]) => n + c.count, 0);
    assert.equal(fromAxe.length, counted, "one finding per page and failing rule");
  }

  const again = await recheckArchive(dir);
  assert.equal(again.length, live.length);
  for (let i = 0; i < live.length; i++)
    assert.deepEqual(untimed(again[i] as InspectionReport), untimed(live[i] as InspectionReport));
});
