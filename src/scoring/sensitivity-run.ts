import { evaluateRun, type RunParams } from "./monte-carlo.ts";
import { normaliseColumn } from "./normalise.ts";
import { seededUniform } from "./prng.ts";
import { rankDescending } from "./rank.ts";
import { meanAbsRankShift } from "./rank-stats.ts";
import { saltelliDesign, sobolIndices } from "./sensitivity.ts";
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

export interface SensitivitySpec {
  /** Base sample size N; the design has N(d + 2) runs. */
  readonly n: number;
  readonly seed: number;
  /** The uncertain inputs (d of them): each is sampled by one uniform of the design row. */
  readonly weightNoise?: number;
  readonly normalisations?: readonly NormaliseSpec[];
  readonly aggregations?: readonly AggregateSpec[];
  readonly winmax?: readonly number[];
  /** How many noisy weight sets the weights input chooses among (COINr pre-draws them). */
  readonly weightSets?: number;
  readonly target?: string;
}

export interface SensitivityResult {
  readonly inputs: string[];
  readonly si: number[];
  readonly sti: number[];
  /** Output per run: mean |rank shift| of the target against the nominal ranks. */
  readonly y: number[];
}

/**
 * Variance-based sensitivity of the ranking to the pipeline's choices, as COINr's
 * get_sensitivity(SA_type = "SA"): Saltelli design over the uncertain inputs, the output of a
 * run being the mean absolute rank shift, and first-order / total Sobol indices.
 */
export function runSensitivity(
  nominal: PipelineResult,
  structure: Structure,
  spec: PipelineSpec,
  s: SensitivitySpec,
): SensitivityResult {
  const { nodes, order, root } = resolveTree(structure);
  const target = s.target ?? root;
  const nodeCodes = [...nodes.keys()];
  const rand = seededUniform(s.seed);
  const inputs: string[] = [];
  if (s.winmax) inputs.push("winmax");
  if (s.normalisations) inputs.push("normalisation");
  if (s.weightNoise !== undefined) inputs.push("weights");
  if (s.aggregations) inputs.push("aggregation");
  const d = inputs.length;
  if (d === 0)
    throw new Error("敏感性分析至少需要一个不确定输入 (sensitivity needs at least one uncertain input)");
  const weightSets = Array.from({ length: s.weightSets ?? 100 }, () =>
    Float64Array.from(nodeCodes, () => 1 + (2 * rand() - 1) * (s.weightNoise ?? 0)),
  );
  const winmaxes = s.winmax ?? [spec.treat.winmax ?? 5];
  const norms = s.normalisations ?? [spec.normalise];
  const aggs = s.aggregations ?? [
    Array.isArray(spec.aggregate) ? (spec.aggregate[0] as AggregateSpec) : (spec.aggregate as AggregateSpec),
  ];
  const variants: Columns[] = [];
  const variantKey = new Map<string, number>();
  const treated = new Map<number, Columns>();
  const variantFor = (wm: number, ni: number): number => {
    const key = `${wm}|${ni}`;
    const v = variantKey.get(key);
    if (v !== undefined) return v;
    let t = treated.get(wm);
    if (!t) {
      t = treat(nominal.imputed, { ...spec.treat, winmax: wm }).data;
      treated.set(wm, t);
    }
    const cols: Columns = new Map();
    for (const ind of structure.indicators) {
      cols.set(
        ind.code,
        normaliseColumn(t.get(ind.code) as Float64Array, norms[ni] as NormaliseSpec, {
          direction: ind.direction,
          target: ind.target,
        }),
      );
    }
    variants.push(cols);
    variantKey.set(key, variants.length - 1);
    return variants.length - 1;
  };
  const pick = (u: number, k: number) => Math.min(k - 1, Math.floor(u * k));
  const design = saltelliDesign(s.n, d, rand);
  const nominalRanks = nominal.ranks.get(target) as Float64Array;
  const y = design.map((row) => {
    const u = (name: string) => (inputs.includes(name) ? (row[inputs.indexOf(name)] as number) : 0);
    const p: RunParams = {
      variant: variantFor(
        winmaxes[pick(u("winmax"), winmaxes.length)] as number,
        pick(u("normalisation"), norms.length),
      ),
      aggregation: aggs[pick(u("aggregation"), aggs.length)] as AggregateSpec,
      weightFactor:
        s.weightNoise === undefined
          ? new Float64Array(nodeCodes.length).fill(1)
          : (weightSets[pick(u("weights"), weightSets.length)] as Float64Array),
    };
    const scores = evaluateRun(variants, nodes, nodeCodes, order, target, nominal.units.length, p);
    return meanAbsRankShift(rankDescending(scores, spec.rank.ties), nominalRanks);
  });
  const { si, sti } = sobolIndices(y, s.n, d);
  return { inputs, si, sti, y };
}
