import { rankAscendingMin } from "./rank.ts";
import { mean, minMax, sd } from "./stats.ts";
import type { NormaliseSpec } from "./types.ts";

export interface NormaliseContext {
  readonly direction: 1 | -1;
  readonly target?: number | undefined;
  /** Index of the reference unit for dist2ref. */
  readonly refIndex?: number | undefined;
}

/**
 * Normalises one column. The column is multiplied by its direction first (so "higher is
 * better" everywhere after), except goalposts, which read the direction to choose which post
 * is the worst, as COINr's n_goalposts does.
 */
export function normaliseColumn(x: Float64Array, spec: NormaliseSpec, ctx: NormaliseContext): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (spec.method === "goalposts") {
    const scale = spec.scale ?? 1;
    const [from, to] = ctx.direction === 1 ? [spec.lower, spec.upper] : [spec.upper, spec.lower];
    for (let i = 0; i < n; i++) {
      const v = ((x[i] as number) - from) / (to - from);
      out[i] = (Number.isNaN(v) ? v : Math.min(1, Math.max(0, v))) * scale;
    }
    return out;
  }
  const d = ctx.direction;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = (x[i] as number) * d;
  const [lo, hi] = minMax(y);
  switch (spec.method) {
    case "none":
      return y;
    case "minmax": {
      const l = spec.l ?? 0;
      const u = spec.u ?? 100;
      for (let i = 0; i < n; i++) out[i] = (((y[i] as number) - lo) / (hi - lo)) * (u - l) + l;
      return out;
    }
    case "zscore": {
      const m = mean(y);
      const s = sd(y);
      const tm = spec.mean ?? 0;
      const ts = spec.sd ?? 1;
      for (let i = 0; i < n; i++) out[i] = (((y[i] as number) - m) / s) * ts + tm;
      return out;
    }
    case "dist2targ": {
      if (ctx.target === undefined) throw new Error("dist2targ 需要目标值 (needs a target)");
      const t = ctx.target * d;
      return distTo(y, t, lo, spec.cap ?? false, spec.scale ?? 1);
    }
    case "dist2ref": {
      const ref = ctx.refIndex === undefined ? Number.NaN : (y[ctx.refIndex] as number);
      return distTo(y, ref, lo, spec.cap ?? false, 1);
    }
    case "dist2max":
      return distTo(y, hi, lo, false, spec.scale ?? 1);
    case "fracmax": {
      const s = spec.scale ?? 1;
      for (let i = 0; i < n; i++) out[i] = ((y[i] as number) / hi) * s;
      return out;
    }
    case "rank":
    case "borda":
    case "prank": {
      const r = rankAscendingMin(y);
      let m = 0;
      for (const v of y) if (!Number.isNaN(v)) m++;
      const s = spec.scale ?? 1;
      for (let i = 0; i < n; i++) {
        const ri = r[i] as number;
        const v = spec.method === "rank" ? ri : spec.method === "borda" ? ri - 1 : (ri - 1) / (m - 1);
        out[i] = v * s;
      }
      return out;
    }
  }
}

/** 1 − (t − x)/(t − min): 1 at the target, 0 at the worst value, optionally capped at 1. */
function distTo(y: Float64Array, t: number, lo: number, cap: boolean, scale: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let v = 1 - (t - (y[i] as number)) / (t - lo);
    if (cap && v > 1) v = 1;
    out[i] = v * scale;
  }
  return out;
}
