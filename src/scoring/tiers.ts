import { quantile7 } from "./stats.ts";

export interface Tier {
  readonly name: string;
  /** Inclusive lower bound; the last tier usually has none (everything below). */
  readonly min?: number | undefined;
}

/**
 * Assigns the first tier (ordered best first) whose lower bound the score reaches. A score of
 * exactly 95 on "卓越 ≥95" is 卓越. Missing scores get null.
 */
export function tierByThreshold(score: number, tiers: readonly Tier[]): string | null {
  if (Number.isNaN(score)) return null;
  for (const t of tiers) if (t.min === undefined || score >= t.min) return t.name;
  return null;
}

/**
 * Quantile classes within each group: k classes cut at the group's type-7 quantiles, best class
 * first (names[0] for the top share). Ties at a cut go to the better class.
 */
export function tierByQuantile(
  scores: ArrayLike<number>,
  groups: readonly string[] | undefined,
  names: readonly string[],
): (string | null)[] {
  const n = scores.length;
  const out: (string | null)[] = new Array(n).fill(null);
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups?.[i] ?? "";
    const list = byGroup.get(g) ?? [];
    list.push(i);
    byGroup.set(g, list);
  }
  const k = names.length;
  for (const members of byGroup.values()) {
    const sorted = members
      .map((i) => scores[i] as number)
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => a - b);
    // cuts[c] = lower bound of the c-th class from the top.
    const cuts = names.map((_, c) => quantile7(sorted, (k - 1 - c) / k));
    for (const i of members) {
      const v = scores[i] as number;
      if (Number.isNaN(v)) continue;
      const c = cuts.findIndex((cut) => v >= cut);
      out[i] = names[c === -1 ? k - 1 : c] ?? null;
    }
  }
  return out;
}
