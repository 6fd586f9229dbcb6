import type { Uniform } from "./prng.ts";

/**
 * Saltelli's design: matrices A and B of N × d uniforms, and for each input i the matrix AB_i
 * (A with column i taken from B). Rows are laid out as COINr does: A, B, AB_1, …, AB_d, so
 * N(d + 2) model runs in all.
 */
export function saltelliDesign(n: number, d: number, u: Uniform): Float64Array[] {
  const a = Array.from({ length: n }, () => Float64Array.from({ length: d }, u));
  const b = Array.from({ length: n }, () => Float64Array.from({ length: d }, u));
  const rows = [...a, ...b];
  for (let i = 0; i < d; i++) {
    for (let r = 0; r < n; r++) {
      const row = Float64Array.from(a[r] as Float64Array);
      row[i] = (b[r] as Float64Array)[i] as number;
      rows.push(row);
    }
  }
  return rows;
}

/**
 * First-order and total Sobol indices from outputs in the design's order. As in scoring.md:
 * Si = mean(yB·(yABi − yA))/V, STi = Σ(yA − yABi)²/(2N·V), V the sample variance of yA and yB
 * pooled.
 */
export function sobolIndices(
  y: ArrayLike<number>,
  n: number,
  d: number,
): { si: number[]; sti: number[]; variance: number } {
  const yA = Array.from({ length: n }, (_, r) => y[r] as number);
  const yB = Array.from({ length: n }, (_, r) => y[n + r] as number);
  const pooled = [...yA, ...yB];
  const m = pooled.reduce((a, b) => a + b, 0) / pooled.length;
  const variance = pooled.reduce((a, v) => a + (v - m) ** 2, 0) / (pooled.length - 1);
  const si: number[] = [];
  const sti: number[] = [];
  for (let i = 0; i < d; i++) {
    let s1 = 0;
    let st = 0;
    for (let r = 0; r < n; r++) {
      const ab = y[(2 + i) * n + r] as number;
      const a = yA[r] as number;
      s1 += (yB[r] as number) * (ab - a);
      st += (a - ab) ** 2;
    }
    si.push(s1 / n / variance);
    sti.push(st / (2 * n * variance));
  }
  return { si, sti, variance };
}
