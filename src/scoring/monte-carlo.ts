import { aggregateTree } from "./pipeline.ts";
import type { Node } from "./structure.ts";
import type { AggregateSpec, Columns } from "./types.ts";

/** The choices of one Monte Carlo run, drawn up front so results do not depend on threading. */
export interface RunParams {
  /** Key of the normalised data set to use (winmax × normalisation variant). */
  readonly variant: number;
  readonly aggregation: AggregateSpec;
  /** Multiplier per node code, already including noise and exclusion (0 = dropped). */
  readonly weightFactor: Float64Array;
}

/**
 * Scores one run: re-weights the tree and aggregates the chosen normalised data set. Returns
 * the score of the target node per unit.
 */
export function evaluateRun(
  variants: readonly Columns[],
  nodes: ReadonlyMap<string, Node>,
  nodeCodes: readonly string[],
  order: readonly string[],
  target: string,
  n: number,
  p: RunParams,
): Float64Array {
  const reweighted = new Map<string, Node>();
  for (const [k, code] of nodeCodes.entries()) {
    const node = nodes.get(code) as Node;
    reweighted.set(code, { ...node, weight: node.weight * (p.weightFactor[k] as number) });
  }
  const data = variants[p.variant] as Columns;
  const out = aggregateTree(data, reweighted, order, p.aggregation, n);
  return out.get(target) as Float64Array;
}
