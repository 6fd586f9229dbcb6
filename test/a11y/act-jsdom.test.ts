import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { axeJsdom } from "../../src/a11y/jsdom-pass.ts";
import { sharedMissing } from "../support/paths.ts";
import {
  ACT_ASSETS,
  ACT_DIR,
  ACT_ORIGIN,
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
 * Agreement of the jsdom pass with the W3C ACT test cases, measured on axe-core 4.14.1 +
 * jsdom 29.1: printed per rule; the test fails if it drops below the measured figure minus a
 * small margin (a regression in how pages are loaded or axe is run shows up here first).
 */
const MEASURED = { same: 266 / 320, consistent: 297 / 320 };
const MARGIN = 0.02;

const skip = sharedMissing(join(ACT_DIR, "selected-testcases.json"));

test("W3C ACT test cases through the jsdom pass", { skip }, async () => {
  const cases = loadActCases();
  const covered = coveredRules(cases);
  const per = new Map<string, Tally>();
  const names = new Map<string, string>();
  const uncovered = new Set<string>();
  let skippedType = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const axeRules = covered.get(c.ruleId);
    if (!axeRules) {
      uncovered.add(`${c.ruleId} ${c.ruleName}`);
      continue;
    }
    const type = contentTypeOf(c.relativePath);
    // axe cannot load into a bare SVG/XML document in jsdom (no <head> for its styles).
    if (type !== "text/html") {
      skippedType++;
      continue;
    }
    names.set(c.ruleId, `${c.ruleName} → ${axeRules.join(", ")}`);
    const html = readFileSync(join(ACT_ASSETS, c.relativePath), "utf8");
    const run = await axeJsdom(
      html,
      `${ACT_ORIGIN}/WAI/content-assets/wcag-act-rules/${c.relativePath}`,
      axeRules,
    );
    const got = actOutcome(run, axeRules);
    const t = per.get(c.ruleId) ?? newTally();
    count(t, c.expected, got);
    if (got !== c.expected) misses.push(`${c.ruleId} ${c.testcaseTitle}: expected ${c.expected}, got ${got}`);
    per.set(c.ruleId, t);
  }
  const { lines, overall } = tallyLines(per, names);
  console.log(`ACT agreement, jsdom pass (axe rules from axe's actIds):\n${lines.join("\n")}`);
  console.log(
    `not covered by axe: ${[...uncovered].sort().join("; ")}; non-HTML cases skipped: ${skippedType}`,
  );
  if (process.env.GOVSCORE_ACT_VERBOSE) console.log(misses.join("\n"));
  assert.ok(overall.n > 300, `expected most of the 376 cases to be covered, got ${overall.n}`);
  for (const [what, k] of [
    ["same outcome", overall.agree],
    ["consistent", overall.consistent],
  ] as const) {
    const share = k / overall.n;
    const floor = (what === "consistent" ? MEASURED.consistent : MEASURED.same) - MARGIN;
    assert.ok(
      share >= floor,
      `ACT ${what} ${(share * 100).toFixed(1)}% fell below ${(floor * 100).toFixed(1)}%`,
    );
  }
});
