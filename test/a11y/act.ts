import { readFileSync } from "node:fs";
import { join } from "node:path";
import { actRuleMap } from "../../src/a11y/axe.ts";
import type { AxeRun } from "../../src/a11y/result.ts";
import { SHARED_DATA } from "../support/paths.ts";

/** The W3C ACT rules test cases (shared data), and how an axe run maps onto their outcomes. */
export const ACT_DIR = join(SHARED_DATA, "act");
export const ACT_ASSETS = join(ACT_DIR, "w3c-wcag-act-rules", "content-assets", "wcag-act-rules");
/** Where the test cases live on the web; their assets are referenced under this prefix. */
export const ACT_ORIGIN = "https://www.w3.org";
export const ACT_PREFIX = "/WAI/content-assets/wcag-act-rules/";

export type ActOutcome = "passed" | "failed" | "inapplicable" | "cantTell";

export interface ActCase {
  ruleId: string;
  ruleName: string;
  testcaseId: string;
  testcaseTitle: string;
  expected: "passed" | "failed" | "inapplicable";
  relativePath: string;
  url: string;
}

export function loadActCases(): ActCase[] {
  const j = JSON.parse(readFileSync(join(ACT_DIR, "selected-testcases.json"), "utf8")) as {
    testcases: ActCase[];
  };
  return j.testcases;
}

/** The ACT rules axe implements (its `actIds`), limited to those with test cases here. */
export function coveredRules(cases: ActCase[]): Map<string, string[]> {
  const map = actRuleMap();
  const out = new Map<string, string[]>();
  for (const c of cases) {
    const axeRules = map.get(c.ruleId);
    if (axeRules) out.set(c.ruleId, axeRules);
  }
  return out;
}

export function contentTypeOf(path: string): string | null {
  if (path.endsWith(".html")) return "text/html";
  if (path.endsWith(".svg")) return "image/svg+xml";
  if (path.endsWith(".xml")) return "application/xml";
  return null;
}

/**
 * An ACT outcome from the axe rules implementing it: failed when any of them found a
 * violation, passed when any passed, cantTell when axe needs review, else inapplicable.
 */
export function actOutcome(run: AxeRun, axeRules: readonly string[]): ActOutcome {
  const has = (list: readonly string[]) => axeRules.some((r) => list.includes(r));
  if (run.violations.some((v) => axeRules.includes(v.id))) return "failed";
  if (has(run.incomplete)) return "cantTell";
  if (has(run.passes)) return "passed";
  return "inapplicable";
}

export interface Tally {
  n: number;
  /** Same outcome as expected. */
  agree: number;
  /**
   * W3C's implementation consistency: failed examples fail, passed and inapplicable ones do
   * not (an implementation may pass what ACT calls inapplicable).
   */
  consistent: number;
  cantTell: number;
}

export const newTally = (): Tally => ({ n: 0, agree: 0, consistent: 0, cantTell: 0 });

export function count(t: Tally, expected: ActCase["expected"], got: ActOutcome): void {
  t.n++;
  if (got === expected) t.agree++;
  if (expected === "failed" ? got === "failed" : got === "passed" || got === "inapplicable") t.consistent++;
  if (got === "cantTell") t.cantTell++;
}

export function tallyLines(
  per: Map<string, Tally>,
  names: Map<string, string>,
): { lines: string[]; overall: Tally } {
  const overall = newTally();
  const lines: string[] = [];
  for (const [rule, t] of [...per].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    overall.n += t.n;
    overall.agree += t.agree;
    overall.cantTell += t.cantTell;
    overall.consistent += t.consistent;
    lines.push(line(rule, t, names.get(rule) ?? ""));
  }
  lines.unshift(`${"ACT".padEnd(7)} ${"same".padStart(14)} ${"consistent".padStart(16)}  cantTell`);
  lines.push(line("overall", overall, ""));
  return { lines, overall };
}

const pct = (k: number, n: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)}%`;
const line = (rule: string, t: Tally, name: string) =>
  `${rule.padEnd(7)} ${`${t.agree}/${t.n}`.padStart(7)} ${pct(t.agree, t.n).padStart(6)}  ${`${t.consistent}/${t.n}`.padStart(7)} ${pct(t.consistent, t.n).padStart(6)}  ${String(t.cantTell).padStart(8)}  ${name}`;
