import { availableParallelism } from "node:os";
import { startWorker } from "../runtime/worker-entry.ts";
import { evaluateRun, type RunParams } from "./monte-carlo.ts";
import { normaliseColumn } from "./normalise.ts";
import { seededUniform } from "./prng.ts";
import { rankDescending } from "./rank.ts";
import { type RankStats, rankStats } from "./rank-stats.ts";
import { resolveTree } from "./structure.ts";
import { treat } from "./treat.ts";
import type {
  AggregateSpec,
  Columns,
  NormaliseSpec,
  PipelineResult,
  PipelineSpec,
  Structure,
} from "./types.ts";

export interface UncertaintySpec {
  readonly runs: number;
  readonly seed: number;
  /** f in w·(1 + U(−1, 1)·f), applied to every node's weight; 0 = no weight noise. */
  readonly weightNoise?: number;
  /** Alternatives drawn with equal probability; the nominal choice is used when absent. */
  readonly normalisations?: readonly NormaliseSpec[];
  readonly aggregations?: readonly AggregateSpec[];
  readonly winmax?: readonly number[];
  /** Each run drops none or one of these indicators, with equal probability. */
  readonly exclude?: readonly string[];
  /** Node whose ranks are analysed (default: the root). */
  readonly target?: string;
  /** 1 = run in this thread. */
  readonly workers?: number;
}

export interface UncertaintyResult {
  readonly units: readonly string[];
  readonly nominalRanks: Float64Array;
  /** scores[r] = target scores of run r. */
  readonly scores: Float64Array[];
  readonly ranks: Float64Array[];
  readonly stats: RankStats[];
  readonly params: RunParams[];
}

export interface Prepared {
  variants: Columns[];
  params: RunParams[];
  nodeCodes: string[];
  order: string[];
  target: string;
  nodes: ReturnType<typeof resolveTree>["nodes"];
}

/** Draws every run's choices and precomputes each (winmax, normalisation) data set once. */
export function prepareRuns(
  nominal: PipelineResult,
  structure: Structure,
  spec: PipelineSpec,
  u: UncertaintySpec,
): Prepared {
  const { nodes, order, root } = resolveTree(structure);
  const rand = seededUniform(u.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const winmaxes = u.winmax ?? [spec.treat.winmax ?? 5];
  const norms = u.normalisations ?? [spec.normalise];
  const aggs = u.aggregations ?? [
    Array.isArray(spec.aggregate) ? (spec.aggregate[0] as AggregateSpec) : (spec.aggregate as AggregateSpec),
  ];
  const nodeCodes = [...nodes.keys()];
  const exclude = u.exclude ?? [];
  const f = u.weightNoise ?? 0;
  const variantKey = new Map<string, number>();
  const variants: Columns[] = [];
  const params: RunParams[] = [];
  const treatedBy = new Map<number, Columns>();
  for (let r = 0; r < u.runs; r++) {
    const wm = pick(winmaxes);
    const ni = Math.floor(rand() * norms.length);
    const agg = pick(aggs);
    const factor = new Float64Array(nodeCodes.length);
    for (let k = 0; k < factor.length; k++) factor[k] = 1 + (2 * rand() - 1) * f;
    const drop = exclude.length > 0 ? Math.floor(rand() * (exclude.length + 1)) - 1 : -1;
    if (drop >= 0) factor[nodeCodes.indexOf(exclude[drop] as string)] = 0;
    const key = `${wm}|${ni}`;
    let v = variantKey.get(key);
    if (v === undefined) {
      let treated = treatedBy.get(wm);
      if (!treated) {
        treated = treat(nominal.imputed, { ...spec.treat, winmax: wm }).data;
        treatedBy.set(wm, treated);
      }
      const normalised: Columns = new Map();
      for (const ind of structure.indicators) {
        normalised.set(
          ind.code,
          normaliseColumn(treated.get(ind.code) as Float64Array, norms[ni] as NormaliseSpec, {
            direction: ind.direction,
            target: ind.target,
          }),
        );
      }
      v = variants.length;
      variants.push(normalised);
      variantKey.set(key, v);
    }
    params.push({ variant: v, aggregation: agg, weightFactor: factor });
  }
  return { variants, params, nodeCodes, order, target: u.target ?? root, nodes };
}

/**
 * Monte Carlo over the uncertain choices. Run choices are drawn in one seeded stream before any
 * work is shared out, so the result is the same for any number of workers.
 */
export async function runUncertainty(
  nominal: PipelineResult,
  structure: Structure,
  spec: PipelineSpec,
  u: UncertaintySpec,
): Promise<UncertaintyResult> {
  const prep = prepareRuns(nominal, structure, spec, u);
  const n = nominal.units.length;
  const workers = Math.max(1, Math.min(u.workers ?? availableParallelism(), u.runs));
  const scores = workers === 1 ? runSerial(prep, n) : await runParallel(prep, n, workers);
  const ranks = scores.map((s) => rankDescending(s, spec.rank.ties, spec.rank.roundDigits));
  const nominalRanks = nominal.ranks.get(prep.target) as Float64Array;
  return {
    units: nominal.units,
    nominalRanks,
    scores,
    ranks,
    stats: rankStats(ranks, nominalRanks),
    params: prep.params,
  };
}

function runSerial(p: Prepared, n: number): Float64Array[] {
  return p.params.map((r) => evaluateRun(p.variants, p.nodes, p.nodeCodes, p.order, p.target, n, r));
}

/**
 * Splits the runs into contiguous chunks, one per worker. Data sets travel once per worker as
 * shared memory; scores come back through a shared output buffer (runs × units).
 */
async function runParallel(p: Prepared, n: number, workers: number): Promise<Float64Array[]> {
  const share = (cols: Columns) => {
    const codes = [...cols.keys()];
    const buf = new Float64Array(new SharedArrayBuffer(codes.length * n * 8));
    for (const [k, c] of codes.entries()) buf.set(cols.get(c) as Float64Array, k * n);
    return { codes, buf };
  };
  const variants = p.variants.map(share);
  const out = new Float64Array(new SharedArrayBuffer(p.params.length * n * 8));
  const nodes = [...p.nodes.values()];
  const chunk = Math.ceil(p.params.length / workers);
  const jobs: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) {
    const from = w * chunk;
    const to = Math.min(p.params.length, from + chunk);
    if (from >= to) break;
    const worker = startWorker(import.meta.url, "./mc-worker.ts", {
      workerData: {
        variants,
        nodes,
        nodeCodes: p.nodeCodes,
        order: p.order,
        target: p.target,
        n,
        from,
        params: p.params.slice(from, to),
        out,
      },
    });
    jobs.push(
      new Promise((resolve, reject) => {
        worker.once("error", reject);
        worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
      }),
    );
  }
  await Promise.all(jobs);
  return p.params.map((_, r) => Float64Array.from(out.subarray(r * n, (r + 1) * n)));
}
