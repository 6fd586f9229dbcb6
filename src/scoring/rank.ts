import { argsortAscending } from "./radix.ts";
import type { TieRule } from "./types.ts";

/** Rounds half away from zero at `digits` decimals, as a printed table would show it. */
export function roundTo(v: number, digits: number): number {
  if (Number.isNaN(v)) return v;
  const f = 10 ** digits;
  let x = Math.abs(v) * f;
  // Only values that sit (in binary) next to a .5 need the decimal view: 1.005 is stored as
  // 1.00499999999999989…, which a printed table shows as 1.01. toPrecision is slow, so it is
  // kept for those few.
  const frac = x - Math.floor(x);
  if (Math.abs(frac - 0.5) < 1e-7) x = Number(x.toPrecision(15));
  return (Math.sign(v) * Math.round(x)) / f;
}

/**
 * Ranks descending (highest score = 1). Competition ranking (1, 2, 2, 4) is the UN's and COINr's
 * (R's ties.method = "min"); dense ranking (1, 2, 2, 3) is the one of the national release, where
 * "并列第二" is followed by "第三名". Missing scores get NaN ranks.
 */
export function rankDescending(
  scores: ArrayLike<number>,
  ties: TieRule = "competition",
  roundDigits?: number,
): Float64Array {
  const n = scores.length;
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = scores[i] as number;
    vals[i] = roundDigits === undefined ? v : roundTo(v, roundDigits);
  }
  // Radix argsort of the present values, then one pass from the top assigns shared ranks.
  const present = new Float64Array(n);
  const where = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = vals[i] as number;
    if (!Number.isNaN(v)) {
      present[m] = v;
      where[m++] = i;
    }
  }
  const order = argsortAscending(present.subarray(0, m));
  const out = new Float64Array(n).fill(Number.NaN);
  let rank = 0;
  let dense = 0;
  let prev = Number.NaN;
  for (let k = m - 1; k >= 0; k--) {
    const j = order[k] as number;
    const v = present[j] as number;
    if (v !== prev) {
      rank = m - k;
      dense++;
      prev = v;
    }
    out[where[j] as number] = ties === "dense" ? dense : rank;
  }
  return out;
}

/** Ascending min-rank (R's rank(x, ties = "min")), used by the rank-based normalisations. */
export function rankAscendingMin(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(x[i] as number)) idx.push(i);
  idx.sort((a, b) => (x[a] as number) - (x[b] as number));
  const out = new Float64Array(n).fill(Number.NaN);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k] as number;
    const prevI = idx[k - 1];
    out[i] = k > 0 && prevI !== undefined && x[prevI] === x[i] ? (out[prevI] as number) : k + 1;
  }
  return out;
}

/** Ranks within each group separately (one ranking per category). */
export function rankWithinGroups(
  scores: ArrayLike<number>,
  groups: readonly string[],
  ties: TieRule = "competition",
  roundDigits?: number,
): Float64Array {
  const out = new Float64Array(scores.length).fill(Number.NaN);
  for (const g of new Set(groups)) {
    const idx: number[] = [];
    groups.forEach((x, i) => {
      if (x === g) idx.push(i);
    });
    const r = rankDescending(
      idx.map((i) => scores[i] as number),
      ties,
      roundDigits,
    );
    idx.forEach((i, k) => {
      out[i] = r[k] as number;
    });
  }
  return out;
}
