import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import type { Bilingual } from "../i18n/bilingual.ts";

const require = createRequire(import.meta.url);

/** WCAG 2.0/2.1/2.2 level A and AA: the conformance target of GB/T 37668 and the national rules. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] as const;

/**
 * Rules that need layout, scrolling or external stylesheets: jsdom has none of these, so there
 * they come back "incomplete" or, worse, wrong (every box is 0×0). Only the browser pass runs them.
 */
export const LAYOUT_RULES: ReadonlySet<string> = new Set([
  "color-contrast",
  "link-in-text-block",
  "target-size",
  "scrollable-region-focusable",
  "css-orientation-lock",
]);

export interface AxeRuleMeta {
  ruleId: string;
  help: string;
  description: string;
  helpUrl: string;
  tags: string[];
  actIds?: string[];
  enabled: boolean;
}

interface AxeNodeModule {
  version: string;
  getRules(tags?: string[]): AxeRuleMeta[];
}

const axeNode = require("axe-core") as AxeNodeModule;

export const AXE_VERSION = axeNode.version;

let source: string | null = null;
/** axe's browser bundle, read once: jsdom and Chromium both get this very string. */
export function axeSource(): string {
  source ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return source;
}

let script: vm.Script | null = null;
/** Compiled once; each jsdom window runs it without parsing 650 kB of JavaScript again. */
export function axeScript(): vm.Script {
  script ??= new vm.Script(axeSource(), { filename: "axe.min.js" });
  return script;
}

const ALL_RULES: AxeRuleMeta[] = axeNode.getRules();
const BY_ID = new Map(ALL_RULES.map((r) => [r.ruleId, r]));

export function ruleMeta(id: string): AxeRuleMeta | undefined {
  return BY_ID.get(id);
}

/**
 * The rules govscore reports: tagged WCAG 2.x A/AA and on by default in axe (experimental and
 * deprecated rules are off by default and stay off).
 */
export const WCAG_RULES: readonly string[] = ALL_RULES.filter(
  (r) =>
    !r.tags.includes("experimental") &&
    !r.tags.includes("deprecated") &&
    r.tags.some((t) => (WCAG_TAGS as readonly string[]).includes(t)),
)
  .map((r) => r.ruleId)
  .sort();

/** Rules of the fast pass (jsdom) and of the browser pass (layout only). */
export const STATIC_RULES: readonly string[] = WCAG_RULES.filter((id) => !LAYOUT_RULES.has(id));
export const BROWSER_RULES: readonly string[] = WCAG_RULES.filter((id) => LAYOUT_RULES.has(id));

/** ACT rule id → the axe rules that implement it, from axe's own metadata (`actIds`). */
export function actRuleMap(): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of ALL_RULES)
    for (const a of r.actIds ?? []) {
      const list = m.get(a) ?? [];
      list.push(r.ruleId);
      m.set(a, list);
    }
  return m;
}

interface Locale {
  rules: Record<string, { help?: string; description?: string }>;
}
let zh: Locale | null = null;

/** Chinese from axe's own zh_CN locale where it has the rule, English help text otherwise. */
export function ruleTitle(id: string): Bilingual {
  zh ??= require("axe-core/locales/zh_CN.json") as Locale;
  const en = BY_ID.get(id)?.help ?? id;
  return { zh: zh.rules[id]?.help ?? en, en };
}
