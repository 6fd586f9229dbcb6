import { Matrix, QrDecomposition } from "ml-matrix";

/**
 * Fitting a framework's dimension points to a published table. A release prints each unit's
 * dimension scores (as indices out of `scale`, usually 100) and its total; when a framework
 * declares the points of its dimensions as an assumption, the published rows say how far the
 * assumption is from what the evaluator did: total ≈ Σ points_d × score_d / scale, solved for the
 * points by least squares (QR, no intercept: a unit scoring nothing totals nothing).
 */

export interface FitRow {
  unit: string;
  /** One score per dimension, in the order of `FitInput.dimensions`. */
  scores: number[];
  total: number;
}

export interface FitInput {
  dimensions: string[];
  rows: FitRow[];
  /** What a full score of a dimension is printed as (100 for indices). */
  scale: number;
}

export interface FitResult {
  /** Fitted points of each dimension, in input order. */
  points: number[];
  sumOfPoints: number;
  /** Per row: published total − fitted total. */
  residuals: { unit: string; total: number; fitted: number; residual: number }[];
  rmse: number;
  maxAbsResidual: number;
  /** Share of the totals' variance the fit explains (about their mean). */
  r2: number;
}

/** Why a table cannot be fitted: too few rows, or dimensions the rows cannot tell apart. */
export class FitError extends Error {
  constructor(
    message: string,
    readonly zh: string,
  ) {
    super(message);
    this.name = "FitError";
  }
}

export function fitPoints(input: FitInput): FitResult {
  const { dimensions, rows, scale } = input;
  const k = dimensions.length;
  if (k === 0) throw new FitError("no dimension columns to fit", "没有可拟合的维度列");
  if (rows.length < k)
    throw new FitError(
      `${rows.length} rows cannot determine ${k} dimensions' points: at least ${k} are needed`,
      `${rows.length} 行数据不足以确定 ${k} 个维度的分值：至少需要 ${k} 行`,
    );
  if (!(scale > 0))
    throw new FitError(`scale must be positive, got ${scale}`, `满分刻度必须为正数：${scale}`);
  const x = new Matrix(rows.map((r) => r.scores.map((s) => s / scale)));
  const y = Matrix.columnVector(rows.map((r) => r.total));
  const qr = new QrDecomposition(x);
  // R's diagonal: a column that adds (almost) nothing beyond the ones before it is dependent.
  const r = qr.upperTriangularMatrix;
  const diag = Array.from({ length: k }, (_, i) => Math.abs(r.get(i, i)));
  const largest = Math.max(...diag);
  if (!(largest > 0) || diag.some((d) => d <= largest * 1e-9))
    throw new FitError(
      "the dimension columns are linearly dependent (one is a combination of others, or constant at 0): their points cannot be told apart",
      "维度列线性相关（某列是其他列的组合，或恒为0），无法区分各自的分值",
    );
  const w = qr.solve(y).getColumn(0);
  const fitted = x.mmul(Matrix.columnVector(w)).getColumn(0);
  const residuals = rows.map((r, i) => {
    const f = fitted[i] as number;
    return { unit: r.unit, total: r.total, fitted: f, residual: r.total - f };
  });
  const sse = residuals.reduce((s, r) => s + r.residual ** 2, 0);
  const mean = rows.reduce((s, r) => s + r.total, 0) / rows.length;
  const sst = rows.reduce((s, r) => s + (r.total - mean) ** 2, 0);
  return {
    points: w,
    sumOfPoints: w.reduce((s, p) => s + p, 0),
    residuals,
    rmse: Math.sqrt(sse / rows.length),
    maxAbsResidual: residuals.reduce((m, r) => Math.max(m, Math.abs(r.residual)), 0),
    r2: sst > 0 ? 1 - sse / sst : sse === 0 ? 1 : 0,
  };
}
