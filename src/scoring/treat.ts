import { minMax, skewKurt } from "./stats.ts";
import type { Columns, TreatLog, TreatSpec } from "./types.ts";

/**
 * COINr's default outlier treatment for one column. The test is |skew| > tSkew AND
 * kurtosis > tKurt (corrected forms). Each step winsorises one side, the side chosen afresh
 * from the current skew (high if ≥ 0): every point equal to the extreme moves to the next
 * value. If it still fails after winmax steps, log-transform the ORIGINAL column instead.
 */
export function treatColumn(
  x: Float64Array,
  spec: TreatSpec,
): { y: Float64Array; low: number; high: number; logged: boolean } {
  const tSkew = spec.skew ?? 2;
  const tKurt = spec.kurtosis ?? 3.5;
  const winmax = spec.winmax ?? 5;
  const fails = (v: Float64Array) => {
    const { skew, kurt } = skewKurt(v);
    return { bad: Math.abs(skew) > tSkew && kurt > tKurt, skew };
  };
  const y = Float64Array.from(x);
  // Counted per point, not per move: a point moved twice is still one winsorised point.
  const moved = new Int8Array(x.length);
  let state = fails(y);
  for (let step = 0; step < winmax && state.bad; step++) {
    const [lo, hi] = minMax(y);
    const highSide = state.skew >= 0;
    const extreme = highSide ? hi : lo;
    // The next value inward: the largest value below the max (or smallest above the min).
    let next = highSide ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    for (const v of y) {
      if (Number.isNaN(v) || v === extreme) continue;
      if (highSide ? v > next : v < next) next = v;
    }
    if (!Number.isFinite(next)) break;
    for (let i = 0; i < y.length; i++) {
      if (y[i] === extreme) {
        y[i] = next;
        moved[i] = highSide ? 1 : -1;
      }
    }
    state = fails(y);
  }
  const fallback = spec.fallback ?? "log";
  if (state.bad && fallback !== "none") {
    const [lo, hi] = minMax(x);
    // "log": COINr 0.x's CTlog, log(x − min + 0.01·(max − min)) (scoring.md). "log-ct": COINr
    // 1.x's log_CT, plain log when all values are positive, otherwise shifted so the minimum is 1.
    const shift = fallback === "log" ? -lo + 0.01 * (hi - lo) : lo > 0 ? 0 : 1 - lo;
    const z = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) z[i] = Math.log((x[i] as number) + shift);
    return { y: z, low: 0, high: 0, logged: true };
  }
  let low = 0;
  let high = 0;
  for (const m of moved) {
    if (m > 0) high++;
    else if (m < 0) low++;
  }
  return { y, low, high, logged: false };
}

export function treat(data: Columns, spec: TreatSpec): { data: Columns; log: TreatLog[] } {
  const out: Columns = new Map();
  const log: TreatLog[] = [];
  for (const [code, x] of data) {
    if (spec.method === "none") {
      out.set(code, Float64Array.from(x));
      continue;
    }
    const r = treatColumn(x, spec);
    out.set(code, r.y);
    log.push({ code, winsorisedLow: r.low, winsorisedHigh: r.high, logged: r.logged });
  }
  return { data: out, log };
}
