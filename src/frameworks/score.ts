import { runPipeline } from "../scoring/pipeline.ts";
import { rankDescending, rankWithinGroups } from "../scoring/rank.ts";
import { resolveTree } from "../scoring/structure.ts";
import { tierByQuantile, tierByThreshold } from "../scoring/tiers.ts";
import type { PipelineResult, Structure, Table } from "../scoring/types.ts";
import { compilePipeline, compileStructure } from "./compile.ts";
import type { Framework } from "./schema.ts";

export interface UnitScores {
  unit: string;
  scores: Record<string, number | null>;
  ranks: Record<string, number | null>;
  tier: string | null;
}

export interface ScoreOutput {
  schema: "govscore.scores/1";
  units: UnitScores[];
}

/**
 * Scores a table with a composite framework: the pipeline, then ranks (per ranking group when
 * the framework names one) and tiers. Returns the pipeline's stages as well, for `explain`.
 */
export function scoreTable(
  fw: Framework,
  table: Table,
  meta?: Structure,
): { output: ScoreOutput; result: PipelineResult; structure: Structure } {
  const structure = compileStructure(fw, meta);
  const spec = compilePipeline(fw);
  const piped = runPipeline(table, structure, spec);
  const { root } = resolveTree(structure);
  const { result, vetoed } = applyGates(fw, table, piped, root);
  const groupBy = fw.pipeline?.ranking.groupBy;
  let ranks = result.ranks;
  if (groupBy) {
    const g = table.groups.get(groupBy);
    if (!g) throw new Error(`数据中没有排名分组列 ${groupBy} (no ranking group column ${groupBy})`);
    ranks = new Map(
      [...result.aggregated].map(([k, v]) => [
        k,
        rankWithinGroups(v, g, spec.rank.ties, spec.rank.roundDigits),
      ]),
    );
  }
  const vetoTier = fw.gates?.vetoTier ?? null;
  const tiers = assignTiers(fw, table, result, root).map((t, i) => (vetoed[i] ? vetoTier : t));
  const nodes = result.order;
  const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
  const units = table.units.map((unit, i) => ({
    unit,
    scores: Object.fromEntries(nodes.map((c) => [c, num(result.aggregated.get(c)?.[i])])),
    ranks: Object.fromEntries(nodes.map((c) => [c, num(ranks.get(c)?.[i])])),
    tier: tiers[i] ?? null,
  }));
  return { output: { schema: "govscore.scores/1", units }, result, structure };
}

/**
 * Veto and bonus gates on the root: a vetoed unit gets no root score (nothing else counts, as
 * in the national check list); bonus points are added only above the gate, up to the maximum.
 * Root ranks are recomputed from the gated scores.
 */
function applyGates(
  fw: Framework,
  table: Table,
  r: PipelineResult,
  root: string,
): { result: PipelineResult; vetoed: boolean[] } {
  const g = fw.gates;
  const n = table.units.length;
  const vetoed = new Array<boolean>(n).fill(false);
  if (!g) return { result: r, vetoed };
  const col = (c: string) => {
    const v = table.columns.get(c);
    if (!v) throw new Error(`数据中没有门槛列 ${c} (no gate column ${c} in the data)`);
    return v;
  };
  const score = Float64Array.from(r.aggregated.get(root) as Float64Array);
  if (g.bonus) {
    const cols = g.bonus.columns.map(col);
    for (let i = 0; i < n; i++) {
      if (!((score[i] as number) > g.bonus.above)) continue;
      let b = 0;
      for (const c of cols) if (!Number.isNaN(c[i] as number)) b += c[i] as number;
      score[i] = (score[i] as number) + Math.min(b, g.bonus.max);
    }
  }
  for (const v of g.veto) {
    const c = col(v.column);
    for (let i = 0; i < n; i++) if ((c[i] as number) >= v.atLeast) vetoed[i] = true;
  }
  for (let i = 0; i < n; i++) if (vetoed[i]) score[i] = Number.NaN;
  const aggregated = new Map(r.aggregated);
  aggregated.set(root, score);
  const ranks = new Map(r.ranks);
  const spec = compilePipeline(fw);
  ranks.set(root, rankDescending(score, spec.rank.ties, spec.rank.roundDigits));
  return { result: { ...r, aggregated, ranks }, vetoed };
}

function assignTiers(fw: Framework, table: Table, r: PipelineResult, root: string): (string | null)[] {
  const t = fw.tiers;
  if (!t) return table.units.map(() => null);
  const scores = r.aggregated.get(t.node ?? root);
  if (!scores) throw new Error(`档级节点 ${t.node} 不在指标树中 (tier node not in the tree)`);
  if (t.method === "quantile") {
    const groups = t.groupBy ? table.groups.get(t.groupBy) : undefined;
    return tierByQuantile(
      scores,
      groups,
      t.levels.map((l) => l.name),
    );
  }
  return Array.from(scores, (s) => tierByThreshold(s, t.levels));
}

/**
 * Ranks on every node within each group a unit belongs to, when a unit may belong to several (one
 * ranking per category: 成都 among 副省级城市 and among 省会城市). The scores are the units' own,
 * computed once; only the ranking is per group, with the framework's ties and rounding. Returns,
 * per unit, its ranks in each of its groups.
 */
export function ranksInGroups(
  fw: Framework,
  units: readonly UnitScores[],
  groupsOf: readonly (readonly string[])[],
): Map<string, Record<string, number | null>>[] {
  const { rank } = compilePipeline(fw);
  const out = units.map(() => new Map<string, Record<string, number | null>>());
  const nodes = Object.keys(units[0]?.scores ?? {});
  for (const group of new Set(groupsOf.flat())) {
    const members = groupsOf.flatMap((g, i) => (g.includes(group) ? [i] : []));
    const ranked = nodes.map((node) =>
      rankDescending(
        members.map((i) => units[i]?.scores[node] ?? Number.NaN),
        rank.ties,
        rank.roundDigits,
      ),
    );
    members.forEach((i, k) => {
      const r = ranked.map((column) => column[k] as number);
      out[i]?.set(
        group,
        Object.fromEntries(nodes.map((n, j) => [n, Number.isNaN(r[j]) ? null : (r[j] as number)])),
      );
    });
  }
  return out;
}
