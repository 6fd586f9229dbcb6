/** What one axe run on one page comes down to; the same shape from jsdom and from Chromium. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  /** Elements that failed. */
  nodes: number;
  /** CSS selectors of the first few of them (frames and shadow roots joined with " >>> "). */
  targets: string[];
  /** Opening markup of the first one, cut short. */
  snippet: string;
}

export type RuleStatus = "violation" | "incomplete" | "pass" | "inapplicable";

export interface AxeRun {
  violations: AxeViolation[];
  passes: string[];
  incomplete: string[];
  inapplicable: string[];
}

/** How many selectors a finding keeps: enough to locate the problem, not a dump of the page. */
export const MAX_TARGETS = 5;
const MAX_SNIPPET = 200;

/**
 * The in-page summariser, as source text: functions handed to `page.evaluate` get mangled by
 * the TypeScript loader (it inserts helpers that do not exist in the page), a string does not.
 * It runs axe on the document and returns only ids and a few selectors, so that what crosses
 * the process boundary stays small.
 */
export const AXE_RUN_SNIPPET = `async (o) => {
  const flat = (t) => t.map((x) => (Array.isArray(x) ? x.join(" >>> ") : String(x))).join(" >>> ");
  const r = await window.axe.run(document, {
    runOnly: { type: "rule", values: o.rules },
    resultTypes: ["violations"],
    iframes: false,
    elementRef: false,
    performanceTimer: false,
  });
  return {
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact || null,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, o.maxTargets).map((n) => flat(n.target)),
      snippet: String((v.nodes[0] && v.nodes[0].html) || "").slice(0, o.maxSnippet),
    })),
    passes: r.passes.map((x) => x.id),
    incomplete: r.incomplete.map((x) => x.id),
    inapplicable: r.inapplicable.map((x) => x.id),
  };
}`;

export const snippetArgs = (rules: readonly string[]) => ({
  rules: [...rules],
  maxTargets: MAX_TARGETS,
  maxSnippet: MAX_SNIPPET,
});

/** Status of each rule in one run (a violation outranks everything else). */
export function ruleStatuses(run: AxeRun): Map<string, RuleStatus> {
  const m = new Map<string, RuleStatus>();
  for (const id of run.inapplicable) m.set(id, "inapplicable");
  for (const id of run.passes) m.set(id, "pass");
  for (const id of run.incomplete) m.set(id, "incomplete");
  for (const v of run.violations) m.set(v.id, "violation");
  return m;
}
