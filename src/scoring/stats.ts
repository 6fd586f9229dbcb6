/** Small numeric helpers over Float64Array that skip NaN (missing) values. */

export function finite(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) out.push(v);
  }
  return out;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}

/** Sample standard deviation (n − 1), as R's sd(). */
export function sd(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) {
      s += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? Number.NaN : Math.sqrt(s / (n - 1));
}

export function minMax(x: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo > hi ? [Number.NaN, Number.NaN] : [lo, hi];
}

/** Quantile of R's type 7 (the default of quantile()): linear between order statistics. */
export function quantile7(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return a + (h - lo) * (b - a);
}

export function median(x: ArrayLike<number>): number {
  return quantile7(
    finite(x).sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Sample skewness and excess kurtosis in their small-sample corrected forms (e1071 type 2, SAS
 * and SPSS), which is what COINr's outlier rule tests:
 * G1 = g1·√(n(n−1))/(n−2), G2 = ((n+1)g2 + 6)(n−1)/((n−2)(n−3)).
 */
export function skewKurt(x: ArrayLike<number>): { skew: number; kurt: number } {
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    n++;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  const g1 = m3 / m2 ** 1.5;
  const g2 = m4 / (m2 * m2) - 3;
  const skew = (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
  const kurt = (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
  return { skew, kurt };
}
