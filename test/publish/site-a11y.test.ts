import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { chromiumPath, launchChromium } from "../../src/publish/export/chromium.ts";
import { produceRelease } from "../../src/publish/produce.ts";
import { writeAllOrNothing } from "../../src/publish/write-dir.ts";
import { smallInput, tempDir } from "./support/build-small.ts";

/**
 * The results site and the release page in Chromium: axe-core must find no violation on any page
 * (every rule axe runs by default, WCAG 2.x A/AA and best practices), with the CJK fonts the
 * machine has. Skips when Chromium is absent; CI installs it.
 */
const chromium = chromiumPath();
const skip = chromium
  ? undefined
  : "Chromium not found at /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk); browser tests skipped";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

describe("the results site in Chromium", { skip }, () => {
  let browser: Browser;
  let siteDir = "";
  let outDir = "";
  let pages: string[] = [];

  before(async () => {
    const produced = await produceRelease(smallInput(), { pdf: false, site: true });
    siteDir = tempDir("govscore-site-");
    outDir = tempDir("govscore-out-");
    writeAllOrNothing(siteDir, produced.site);
    writeAllOrNothing(outDir, produced.out);
    pages = [...produced.site.keys()];
    browser = await launchChromium(chromium as string);
  });
  after(async () => {
    await browser?.close();
  });

  async function axe(file: string): Promise<AxeViolation[]> {
    const context = await browser.newContext({ javaScriptEnabled: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.addScriptTag({ content: axeSource });
      return (await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
        const r = await (globalThis as any).axe.run(document, { resultTypes: ["violations"] });
        return r.violations;
      })) as AxeViolation[];
    } finally {
      await context.close();
    }
  }

  test("the harness does catch violations (a planted one is reported)", async () => {
    const dir = tempDir("govscore-axe-");
    writeAllOrNothing(
      dir,
      new Map([
        ["bad.html", "<!doctype html><html><head><title>x</title></head><body><img src=x.png></body></html>"],
      ]),
    );
    const ids = (await axe(join(dir, "bad.html"))).map((v) => v.id);
    assert.ok(ids.includes("image-alt") && ids.includes("html-has-lang"), ids.join(", "));
  });

  test("every page of the site has zero axe violations", async () => {
    assert.ok(pages.length >= 10, `pages: ${pages.length}`);
    const failures: string[] = [];
    for (const p of pages) {
      for (const v of await axe(join(siteDir, p))) {
        failures.push(
          `${p}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
        );
      }
    }
    assert.deepEqual(failures, []);
  });

  test("the release page with its charts has zero axe violations", async () => {
    const violations = await axe(join(outDir, "release.html"));
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
    );
  });

  test("without JavaScript every page renders and every link leads to a page of the site", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      for (const p of ["index.html", "e1/index.html", "e1/b/1.html"]) {
        await page.goto(pathToFileURL(join(siteDir, p)).href);
        assert.ok((await page.locator("h1").count()) === 1, `${p} has one h1`);
        const hrefs = await page
          .locator("a[href]")
          .evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
        for (const href of hrefs.filter((h) => h.startsWith("file:"))) {
          const rel = decodeURIComponent(new URL(href).pathname)
            .slice(siteDir.length + 1)
            .replace(/#.*$/, "");
          if (rel) assert.ok(pages.includes(rel), `${p} links to ${rel}, which the site does not have`);
        }
      }
    } finally {
      await context.close();
    }
    for (const html of pages.map((p) => readFileSync(join(siteDir, p), "utf8"))) {
      assert.ok(!/<script\b/i.test(html), "no page needs a script");
    }
  });
});
