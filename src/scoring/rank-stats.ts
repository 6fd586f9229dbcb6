import { quantile7 } from "./stats.ts";

export interface RankStats {
  readonly mean: number;
  readonly median: number;
  readonly q5: number;
  readonly q95: number;
  /** Mean |rank_nominal − rank| over the runs. */
  readonly meanShift: number;
}

/**
 * Per unit statistics of its rank over Monte Carlo runs. ranks[r][i] = rank of unit i in run r.
 * Quantiles are R's type 7 so that the figures match COINr's get_sensitivity output.
 */
export function rankStats(ranks: readonly ArrayLike<number>[], nominal: ArrayLike<number>): RankStats[] {
  const n = nominal.length;
  const out: RankStats[] = [];
  for (let i = 0; i < n; i++) {
    const v = ranks.map((r) => r[i] as number).sort((a, b) => a - b);
    const nom = nominal[i] as number;
    out.push({
      mean: v.reduce((a, b) => a + b, 0) / v.length,
      median: quantile7(v, 0.5),
      q5: quantile7(v, 0.05),
      q95: quantile7(v, 0.95),
      meanShift: v.reduce((a, b) => a + Math.abs(b - nom), 0) / v.length,
    });
  }
  return out;
}

/** R̄ of scoring.md for one run: mean over units of |rank_nominal − rank_run|. */
export function meanAbsRankShift(run: ArrayLike<number>, nominal: ArrayLike<number>): number {
  let s = 0;
  let k = 0;
  for (let i = 0; i < nominal.length; i++) {
    const d = Math.abs((nominal[i] as number) - (run[i] as number));
    if (Number.isNaN(d)) continue;
    s += d;
    k++;
  }
  return s / k;
}
