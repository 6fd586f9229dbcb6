import type { AggregateSpec } from "./types.ts";

/**
 * Weighted means of one unit's child values. Missing values are dropped together with their
 * weights (the remaining weights renormalised); a unit with no value left gets NaN.
 */
export function aggregateValues(x: ArrayLike<number>, w: ArrayLike<number>, spec: AggregateSpec): number {
  let sw = 0;
  let acc = 0;
  let any = false;
  for (let k = 0; k < x.length; k++) {
    const v = x[k] as number;
    const wk = w[k] as number;
    if (Number.isNaN(v)) continue;
    any = true;
    sw += wk;
    switch (spec.method) {
      case "arithmetic":
      case "sum":
        acc += wk * v;
        break;
      case "geometric":
        if (v <= 0) throw new Error("几何平均遇到非正值 (geometric mean: non-positive value)");
        acc += wk * Math.log(v);
        break;
      case "harmonic":
        acc += wk / v;
        break;
      case "generalised":
        acc += wk * v ** spec.p;
        break;
      case "copeland":
        throw new Error("Copeland 需要全体单位 (Copeland needs all units: use copeland())");
    }
  }
  if (!any) return Number.NaN;
  switch (spec.method) {
    case "arithmetic":
      return acc / sw;
    case "sum":
      return acc;
    case "geometric":
      return Math.exp(acc / sw);
    case "harmonic":
      return sw / acc;
    case "generalised":
      return spec.p === 0 ? Number.NaN : (acc / sw) ** (1 / spec.p);
    default:
      return Number.NaN;
  }
}

/**
 * Copeland outranking over units. rows = units, cols = indicators. Weights are normalised to
 * sum 1; e_ij = Σw[x_i > x_j] + ½Σw[x_i = x_j]; a unit's score is Σ_j sign(e_ij − ½).
 */
export function copeland(
  rows: readonly ArrayLike<number>[],
  w: ArrayLike<number>,
): { scores: Float64Array; matrix: Float64Array[] } {
  const n = rows.length;
  let sw = 0;
  for (let k = 0; k < w.length; k++) sw += w[k] as number;
  const matrix = Array.from({ length: n }, () => new Float64Array(n));
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = rows[i] as ArrayLike<number>;
    const mi = matrix[i] as Float64Array;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const xj = rows[j] as ArrayLike<number>;
      let e = 0;
      for (let k = 0; k < w.length; k++) {
        const a = xi[k] as number;
        const b = xj[k] as number;
        const wk = (w[k] as number) / sw;
        if (a > b) e += wk;
        else if (a === b) e += wk / 2;
      }
      mi[j] = e;
      scores[i] = (scores[i] as number) + Math.sign(e - 0.5);
    }
  }
  return { scores, matrix };
}

/**
 * The same weighted means as aggregateValues, computed column by column over all units at
 * once: one tight loop per child instead of a function call per unit and node. Children are
 * accumulated in the same order, so results are identical to aggregateValues bit for bit.
 */
export function aggregateColumns(
  kids: readonly Float64Array[],
  w: readonly number[],
  spec: Exclude<AggregateSpec, { method: "copeland" }>,
  n: number,
): Float64Array {
  const acc = new Float64Array(n);
  const sw = new Float64Array(n);
  const present = new Uint16Array(n);
  const m = spec.method;
  const p = spec.method === "generalised" ? spec.p : 1;
  for (let k = 0; k < kids.length; k++) {
    const x = kids[k] as Float64Array;
    const wk = w[k] as number;
    for (let i = 0; i < n; i++) {
      const v = x[i] as number;
      if (Number.isNaN(v)) continue; // missing: dropped with its weight
      present[i] = (present[i] as number) + 1;
      sw[i] = (sw[i] as number) + wk;
      if (m === "arithmetic" || m === "sum") acc[i] = (acc[i] as number) + wk * v;
      else if (m === "geometric") {
        if (v <= 0) throw new Error("几何平均遇到非正值 (geometric mean: non-positive value)");
        acc[i] = (acc[i] as number) + wk * Math.log(v);
      } else if (m === "harmonic") acc[i] = (acc[i] as number) + wk / v;
      else acc[i] = (acc[i] as number) + wk * v ** p;
    }
  }
  const y = new Float64Array(n);
  const need = Math.max(1, (spec.minShare ?? 0) * kids.length);
  for (let i = 0; i < n; i++) {
    const a = acc[i] as number;
    const s = sw[i] as number;
    if ((present[i] as number) < need - 1e-9) y[i] = Number.NaN;
    else if (m === "arithmetic") y[i] = a / s;
    else if (m === "sum") y[i] = a;
    else if (m === "geometric") y[i] = Math.exp(a / s);
    else if (m === "harmonic") y[i] = s / a;
    else y[i] = p === 0 ? Number.NaN : (a / s) ** (1 / p);
  }
  return y;
}
