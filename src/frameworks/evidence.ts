import type { LeafSource } from "./schema.ts";

/**
 * What is known about one evaluated body: an inspection report (govscore.inspection/1's
 * checks, findings and facts) plus what evaluators add (rubric levels, submitted figures,
 * yes/no answers, manual veto judgements). Keys of rubric/figures/answers are leaf codes.
 */
export interface Evidence {
  readonly checks?: Readonly<Record<string, { outcome: string; count?: number }>>;
  readonly findings?: readonly Readonly<Record<string, unknown>>[];
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly rubric?: Readonly<Record<string, string>>;
  readonly figures?: Readonly<Record<string, number>>;
  readonly answers?: Readonly<Record<string, boolean>>;
  readonly manual?: Readonly<Record<string, boolean>>;
}

export type Where = Readonly<Record<string, readonly (string | number)[]>>;

/**
 * Number of findings of a check, narrowed by `where`. Without findings in the report, falls
 * back on the summary count of `checks` (which cannot be narrowed).
 */
export function countFindings(ev: Evidence, check: string, where?: Where): number {
  const matching = (ev.findings ?? []).filter(
    (f) =>
      f.check === check &&
      Object.entries(where ?? {}).every(([k, allowed]) => allowed.includes(f[k] as string | number)),
  );
  if (matching.length > 0 || where) return matching.length;
  const c = ev.checks?.[check];
  if (!c) return 0;
  return c.count ?? (c.outcome === "fail" ? 1 : 0);
}

/** True when the check ran and failed (or has findings). */
export function checkFailed(ev: Evidence, check: string): boolean {
  const c = ev.checks?.[check];
  if (c) return c.outcome === "fail";
  return (ev.findings ?? []).some((f) => f.check === check);
}

/**
 * Whether the inspection looked at all: a check that did not run (no report, or a check the
 * inspection does not have) is missing data, not a clean bill of health.
 */
export function checkRan(ev: Evidence, check: string): boolean {
  const c = ev.checks?.[check];
  if (c) return c.outcome !== "not-applicable";
  return (ev.findings ?? []).some((f) => f.check === check);
}

/**
 * The value of one leaf for one body; NaN when the evidence does not say (missing data, for
 * the pipeline's imputation or screening to handle).
 */
export function leafValue(code: string, src: LeafSource, ev: Evidence): number {
  switch (src.from) {
    case "deduction": {
      if (!checkRan(ev, src.check)) return Number.NaN;
      const n = countFindings(ev, src.check, src.where);
      return src.points - Math.min(src.points, n * src.perFinding);
    }
    case "count": {
      if (!checkRan(ev, src.check)) return Number.NaN;
      const n = countFindings(ev, src.check, src.where);
      const band = src.bands.find((b) => b.upTo === undefined || n <= b.upTo);
      return band ? band.points : Number.NaN;
    }
    case "check": {
      const c = ev.checks?.[src.check];
      if (!c || c.outcome === "not-applicable") return Number.NaN;
      return c.outcome === "fail" ? src.fail : src.pass;
    }
    case "fact": {
      const raw = ev.facts?.[src.key];
      const v =
        typeof raw === "number"
          ? raw
          : typeof raw === "string" && raw.trim() !== ""
            ? Number(raw)
            : Number.NaN;
      if (!src.bands || Number.isNaN(v)) return v;
      const band = src.bands.find((b) => b.atLeast === undefined || v >= b.atLeast);
      return band ? band.points : Number.NaN;
    }
    case "rubric": {
      const level = ev.rubric?.[code];
      if (level === undefined) return Number.NaN;
      const v = src.levels[level];
      if (v === undefined)
        throw new Error(`${code}: 评分等级 ${level} 未定义 (rubric level ${level} not defined)`);
      return v;
    }
    case "figure": {
      const v = ev.figures?.[code];
      if (v === undefined) return Number.NaN;
      if (src.bands)
        return src.bands.find((b) => b.atLeast === undefined || v >= b.atLeast)?.points ?? Number.NaN;
      return src.max === undefined ? v : Math.min(v, src.max);
    }
    case "yesno": {
      const a = ev.answers?.[code];
      return a === undefined ? Number.NaN : a ? src.yes : src.no;
    }
  }
}

/** The most points a leaf can give (NaN for an unbanded figure or fact, which has no ceiling). */
export function maxPoints(src: LeafSource): number {
  switch (src.from) {
    case "deduction":
      return src.points;
    case "count":
      return Math.max(...src.bands.map((b) => b.points));
    case "check":
      return Math.max(src.pass, src.fail);
    case "fact":
    case "figure":
      return src.bands ? Math.max(...src.bands.map((b) => b.points)) : Number.NaN;
    case "rubric":
      return Math.max(...Object.values(src.levels));
    case "yesno":
      return Math.max(src.yes, src.no);
  }
}
