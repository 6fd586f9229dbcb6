/**
 * The engine's input is a plain in-memory table so that any source (a CSV, the database, a
 * benchmark generator) can feed it. Missing values are NaN throughout: typed arrays cannot hold
 * null, and NaN propagates visibly if a step forgets to handle it.
 */
export interface Table {
  /** Unit ids, in input order; every column has one value per unit. */
  readonly units: readonly string[];
  /** Numeric columns (indicators and denominators) by code. */
  readonly columns: ReadonlyMap<string, Float64Array>;
  /** Categorical columns (groups, e.g. a ranking category or region) by code. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
}

export interface IndicatorMeta {
  readonly code: string;
  readonly direction: 1 | -1;
  readonly weight: number;
  readonly parent: string;
  readonly denominator?: string | undefined;
  /** For distance-to-target normalisation. */
  readonly target?: number | undefined;
}

export interface AggregateMeta {
  readonly code: string;
  readonly weight: number;
  /** undefined for the root. */
  readonly parent?: string | undefined;
}

/** The indicator tree: leaves are indicators, inner nodes aggregates. */
export interface Structure {
  readonly indicators: readonly IndicatorMeta[];
  readonly aggregates: readonly AggregateMeta[];
}

export type ImputeSpec =
  | { readonly method: "none" }
  | { readonly method: "mean" | "median"; readonly group?: string | undefined }
  | { readonly method: "screen"; readonly minShare: number };

export interface TreatSpec {
  readonly method: "none" | "winsorise";
  readonly skew?: number;
  readonly kurtosis?: number;
  readonly winmax?: number;
  /** What to do when winsorisation within winmax steps does not pass: log transform or keep. */
  readonly fallback?: "log" | "log-ct" | "none";
}

export type NormaliseSpec =
  | { readonly method: "minmax"; readonly l?: number; readonly u?: number }
  | { readonly method: "zscore"; readonly mean?: number; readonly sd?: number }
  | {
      readonly method: "goalposts";
      readonly lower: number;
      readonly upper: number;
      readonly scale?: number;
    }
  | { readonly method: "dist2targ"; readonly cap?: boolean; readonly scale?: number }
  | { readonly method: "dist2ref"; readonly refUnit: string; readonly cap?: boolean }
  | { readonly method: "dist2max" | "fracmax" | "rank" | "borda" | "prank"; readonly scale?: number }
  | { readonly method: "none" };

/**
 * minShare: the missing-data rule of the level (COINr's dat_thresh): a unit with a smaller
 * share of its children present gets no score at this node instead of a mean of the rest.
 */
export type AggregateSpec = (
  | { readonly method: "arithmetic" | "geometric" | "harmonic" | "copeland" }
  /** Σ w·x over present values: point-based frameworks add up points (weight = multiplier). */
  | { readonly method: "sum" }
  | { readonly method: "generalised"; readonly p: number }
) & { readonly minShare?: number | undefined };

export type TieRule = "competition" | "dense";

export interface RankSpec {
  readonly ties: TieRule;
  /** Round scores to this many decimals before ranking (published tables rank what they print). */
  readonly roundDigits?: number | undefined;
}

export interface PipelineSpec {
  readonly denominate: boolean;
  readonly impute: ImputeSpec;
  readonly treat: TreatSpec;
  readonly normalise: NormaliseSpec;
  /** One method for all levels, or per level (index 0 = first aggregation above indicators). */
  readonly aggregate: AggregateSpec | readonly AggregateSpec[];
  readonly rank: RankSpec;
}

/** A data set keyed by indicator or aggregate code, one value per unit. */
export type Columns = Map<string, Float64Array>;

export interface TreatLog {
  readonly code: string;
  readonly winsorisedLow: number;
  readonly winsorisedHigh: number;
  readonly logged: boolean;
}

/** Every stage kept, as COINr does, so a score can be explained step by step. */
export interface PipelineResult {
  readonly units: readonly string[];
  readonly raw: Columns;
  readonly denominated: Columns;
  readonly imputed: Columns;
  readonly treated: Columns;
  readonly treatLog: readonly TreatLog[];
  readonly normalised: Columns;
  /** Indicators (normalised) and every aggregate. */
  readonly aggregated: Columns;
  readonly ranks: Map<string, Float64Array>;
  /** Node codes from leaves to root, the order of aggregation. */
  readonly order: readonly string[];
}
