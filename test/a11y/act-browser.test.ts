import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { LAYOUT_RULES } from "../../src/a11y/axe.ts";
import {
  BrowserPass,
  CHROMIUM_PATH,
  chromiumAvailable,
  type Fetched,
  type Fetcher,
} from "../../src/a11y/browser-pass.ts";
import { sharedMissing } from "../support/paths.ts";
import {
  ACT_ASSETS,
  ACT_DIR,
  ACT_ORIGIN,
  ACT_PREFIX,
  actOutcome,
  contentTypeOf,
  count,
  coveredRules,
  loadActCases,
  newTally,
  type Tally,
  tallyLines,
} from "./act.ts";

/**
 * The ACT cases of rules that need layout go through Chromium. The selected cases hold none
 * today (no contrast rule among them), so by default this only says so; GOVSCORE_ACT_BROWSER=1
 * runs every covered case through Chromium as well, to compare the two passes.
 */
const skip =
  sharedMissing(join(ACT_DIR, "selected-testcases.json")) ??
  (chromiumAvailable() ? undefined : `Chromium not found at ${CHROMIUM_PATH}: browser ACT run skipped`);

/** Serves the test cases and their assets from the shared folder: nothing leaves the machine. */
const localAssets: Fetcher = async (url): Promise<Fetched | null> => {
  const u = new URL(url);
  if (u.origin !== ACT_ORIGIN || !u.pathname.startsWith(ACT_PREFIX)) return null;
  const file = join(ACT_ASSETS, decodeURIComponent(u.pathname.slice(ACT_PREFIX.length)));
  if (!file.startsWith(ACT_ASSETS) || !existsSync(file))
    return { status: 404, headers: {}, body: new Uint8Array() };
  const ext = file.split(".").pop() ?? "";
  const type =
    {
      html: "text/html",
      svg: "image/svg+xml",
      xml: "application/xml",
      js: "text/javascript",
      css: "text/css",
    }[ext] ?? "application/octet-stream";
  return { status: 200, headers: { "content-type": type }, body: readFileSync(file) };
};

test("W3C ACT test cases of layout rules through the Chromium pass", { skip }, async (t) => {
  const cases = loadActCases();
  const covered = coveredRules(cases);
  const all = process.env.GOVSCORE_ACT_BROWSER === "1";
  const chosen = cases.filter((c) => {
    const rules = covered.get(c.ruleId);
    return rules && contentTypeOf(c.relativePath) !== null && (all || rules.some((r) => LAYOUT_RULES.has(r)));
  });
  if (chosen.length === 0) {
    t.diagnostic(
      "no ACT rule among the selected test cases needs layout; set GOVSCORE_ACT_BROWSER=1 to run all",
    );
    return;
  }
  const browser = await BrowserPass.launch();
  const per = new Map<string, Tally>();
  const names = new Map<string, string>();
  try {
    const session = await browser.session(localAssets);
    for (const c of chosen) {
      const rules = covered.get(c.ruleId) as string[];
      names.set(c.ruleId, `${c.ruleName} → ${rules.join(", ")}`);
      const url = `${ACT_ORIGIN}${ACT_PREFIX}${c.relativePath}`;
      const v = await session.visit(url, null, { rules });
      const got = v.axe ? actOutcome(v.axe, rules) : "cantTell";
      const tally = per.get(c.ruleId) ?? newTally();
      count(tally, c.expected, got);
      per.set(c.ruleId, tally);
    }
    await session.close();
  } finally {
    await browser.close();
  }
  const { lines, overall } = tallyLines(per, names);
  console.log(`ACT agreement, Chromium pass:\n${lines.join("\n")}`);
  assert.equal(overall.n, chosen.length);
  if (all) {
    // Measured with axe-core 4.14.1 and Debian's Chromium: 278/325 same, 313/325 consistent.
    assert.ok(overall.agree / overall.n >= 278 / 325 - 0.02, "Chromium ACT agreement dropped");
    assert.ok(overall.consistent / overall.n >= 313 / 325 - 0.02, "Chromium ACT consistency dropped");
  }
});
