/**
 * Evaluators' values that make a unit's score come out as wanted, for tests that rebuild a
 * published result through the evaluation workflow: every leaf an evaluator fills (a rubric level,
 * a yes/no answer, a banded figure) with its choices, and the sums those choices can reach.
 */

import { frameworkLeaves } from "../../../src/frameworks/leaves.ts";
import type { Framework, LeafSource } from "../../../src/frameworks/schema.ts";

export interface Choice {
  /** The evidence file's kind: rubric, answer or figure. */
  readonly kind: "rubric" | "answer" | "figure";
  readonly code: string;
  readonly value: string;
  readonly points: number;
}

/** The choices of one leaf an evaluator fills, or undefined for leaves fed by inspection. */
function choices(code: string, src: LeafSource | undefined): Choice[] | undefined {
  if (src?.from === "rubric")
    return Object.entries(src.levels).map(([value, points]) => ({ kind: "rubric", code, value, points }));
  if (src?.from === "yesno")
    return [
      { kind: "answer", code, value: "是", points: src.yes },
      { kind: "answer", code, value: "否", points: src.no },
    ];
  if (src?.from === "figure") {
    if (!src.bands) throw new Error(`${code}: a figure without bands has no fixed points`);
    const floors = src.bands.flatMap((b) => (b.atLeast === undefined ? [] : [b.atLeast]));
    return src.bands.map((b) => ({
      kind: "figure",
      code,
      value: String(b.atLeast ?? Math.min(...floors) - 1),
      points: b.points,
    }));
  }
  return undefined;
}

/** Every sum the evaluators' leaves can reach (leaves fed by inspection left out), with one way to reach it. */
export function reachableScores(fw: Framework): Map<number, Choice[]> {
  let sums = new Map<number, Choice[]>([[0, []]]);
  for (const [code, src] of frameworkLeaves(fw)) {
    const options = choices(code, src);
    if (!options) continue;
    const next = new Map<number, Choice[]>();
    for (const [sum, picked] of sums)
      for (const o of options) {
        const s = Math.round((sum + o.points) * 1e6) / 1e6;
        if (!next.has(s)) next.set(s, [...picked, o]);
      }
    sums = next;
  }
  return sums;
}

/** The reached sums in ascending order. */
export function ascending(reachable: ReadonlyMap<number, Choice[]>): number[] {
  return [...reachable.keys()].sort((a, b) => a - b);
}

/**
 * Score levels that reproduce rankings published per category, when a unit can be ranked in several
 * (成都 3rd among 副省级城市 and 1st among 省会城市): units sharing a place share a level, a better
 * place is a strictly higher level in every category, and units a ranking does not name sit below
 * its last place. Returns each unit's level (0 = lowest); throws when the rankings contradict.
 */
export function consistentLevels(
  categories: readonly { members: readonly string[]; places: readonly { names: readonly string[] }[] }[],
): Map<string, number> {
  const parent = new Map<string, string>();
  const find = (u: string): string => {
    const p = parent.get(u) ?? u;
    if (p === u) return u;
    const root = find(p);
    parent.set(u, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const c of categories)
    for (const p of c.places) for (const n of p.names.slice(1)) union(p.names[0] as string, n);
  const below = new Map<string, Set<string>>();
  const edge = (hi: string, lo: string) => {
    const h = find(hi);
    const l = find(lo);
    if (h === l) throw new Error(`${hi} and ${lo} would have to tie and not tie`);
    below.set(h, (below.get(h) ?? new Set()).add(l));
  };
  for (const c of categories) {
    c.places.forEach((p, i) => {
      const next = c.places[i + 1];
      if (next) edge(p.names[0] as string, next.names[0] as string);
    });
    const named = new Set(c.places.flatMap((p) => p.names));
    const last = c.places[c.places.length - 1];
    for (const m of c.members) if (last && !named.has(m)) edge(last.names[0] as string, m);
  }
  const level = new Map<string, number>();
  const open = new Set<string>();
  const levelOf = (r: string): number => {
    const known = level.get(r);
    if (known !== undefined) return known;
    if (open.has(r)) throw new Error(`the rankings contradict each other at ${r}`);
    open.add(r);
    let l = 0;
    for (const lo of below.get(r) ?? []) l = Math.max(l, levelOf(lo) + 1);
    open.delete(r);
    level.set(r, l);
    return l;
  };
  const out = new Map<string, number>();
  for (const c of categories) for (const m of c.members) out.set(m, levelOf(find(m)));
  return out;
}
