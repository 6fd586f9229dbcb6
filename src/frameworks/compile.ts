import type { AggregateMeta, IndicatorMeta, PipelineSpec, Structure } from "../scoring/types.ts";
import type { Framework, TreeNode } from "./schema.ts";

/**
 * Turns a composite framework into the engine's inputs. The tree comes from the framework; a
 * COINr-style metadata table fills what a leaf leaves out (direction, weight, denominator,
 * target), or supplies the whole tree when the framework has none.
 */
export function compileStructure(fw: Framework, meta?: Structure): Structure {
  if (!fw.tree) {
    if (!meta) {
      throw new Error("框架没有指标树，需要 --meta (the framework has no tree: pass --meta)");
    }
    return meta;
  }
  const byCode = new Map((meta?.indicators ?? []).map((m) => [m.code, m]));
  const indicators: IndicatorMeta[] = [];
  const aggregates: AggregateMeta[] = [];
  const walk = (node: TreeNode, parent: string | undefined) => {
    if (node.children && node.children.length > 0) {
      aggregates.push({ code: node.code, weight: node.weight ?? 1, parent });
      for (const c of node.children) walk(c, node.code);
      return;
    }
    if (parent === undefined) throw new Error("指标树的根不能是指标 (the root cannot be an indicator)");
    const m = byCode.get(node.code);
    indicators.push({
      code: node.code,
      parent,
      weight: node.weight ?? m?.weight ?? 1,
      direction: node.direction ?? m?.direction ?? 1,
      denominator: node.denominator ?? m?.denominator,
      target: node.target ?? m?.target,
    });
  };
  walk(fw.tree, undefined);
  return { indicators, aggregates };
}

export function compilePipeline(fw: Framework): PipelineSpec {
  const p = fw.pipeline;
  if (!p) throw new Error(`框架 ${fw.id} 不是综合指数 (framework ${fw.id} has no pipeline)`);
  return {
    denominate: p.denominate,
    impute: p.impute,
    treat: p.treat,
    normalise: p.normalise,
    aggregate: p.aggregate,
    rank: { ties: p.ranking.ties, roundDigits: p.ranking.round },
  };
}
