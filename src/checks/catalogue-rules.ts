import { type Check, RULE_SOURCES } from "./types.ts";

const HAN = /[\u4e00-\u9fff]/;
const LATIN = /[a-z]/i;

/**
 * What is wrong with the catalogue's metadata, one line per problem: every check must say which
 * rule it applies and what it does, in both languages, or evaluators cannot defend its findings.
 */
export function catalogueProblems(checks: readonly Check[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of checks) {
    const id = c.id || "(no id)";
    if (ids.has(id)) problems.push(`${id}: listed twice`);
    ids.add(id);
    const texts: [string, { zh?: unknown; en?: unknown } | undefined][] = [
      ["title", c.title],
      ["rule.item", c.rule?.item],
      ["description", c.description],
    ];
    if (!c.rule) problems.push(`${id}: no rule`);
    else if (!Object.hasOwn(RULE_SOURCES, c.rule.source))
      problems.push(`${id}: unknown rule source ${c.rule.source}`);
    for (const [name, t] of texts) {
      if (name === "rule.item" && !c.rule) continue;
      if (!t) {
        problems.push(`${id}: no ${name}`);
        continue;
      }
      if (typeof t.zh !== "string" || !HAN.test(t.zh)) problems.push(`${id}: ${name} has no Chinese text`);
      if (typeof t.en !== "string" || !LATIN.test(t.en)) problems.push(`${id}: ${name} has no English text`);
    }
    // A description is a paragraph, not a restated title.
    if (c.description && typeof c.description.en === "string" && c.description.en.length < 40)
      problems.push(`${id}: description too short`);
  }
  return problems;
}
