import { aggregateColumns, copeland } from "./aggregate.ts";
import { denominate } from "./denominate.ts";
import { impute } from "./impute.ts";
import { normaliseColumn } from "./normalise.ts";
import { rankDescending } from "./rank.ts";
import { resolveTree } from "./structure.ts";
import { treat } from "./treat.ts";
import type { AggregateSpec, Columns, PipelineResult, PipelineSpec, Structure, Table } from "./types.ts";

/** Runs the composite pipeline of scoring.md and keeps every stage (COINr's dsets). */
export function runPipeline(table: Table, structure: Structure, spec: PipelineSpec): PipelineResult {
  const { nodes, order } = resolveTree(structure);
  const n = table.units.length;
  const raw: Columns = new Map();
  for (const ind of structure.indicators) {
    const c = table.columns.get(ind.code);
    if (!c) throw new Error(`数据中没有指标 ${ind.code} (indicator ${ind.code} missing from the data)`);
    raw.set(ind.code, Float64Array.from(c));
  }
  const denominated = spec.denominate
    ? denominate(table, structure.indicators)
    : new Map([...raw].map(([k, v]) => [k, Float64Array.from(v)]));
  const imp = impute(denominated, table, spec.impute);
  const imputed = imp.data;
  // Screened-out units are kept as rows of NaN, so that every stage has the same shape.
  for (const col of imputed.values()) for (let i = 0; i < n; i++) if (!imp.keep[i]) col[i] = Number.NaN;
  const tr = treat(imputed, spec.treat);
  const normalised: Columns = new Map();
  const refIndex =
    spec.normalise.method === "dist2ref" ? table.units.indexOf(spec.normalise.refUnit) : undefined;
  for (const ind of structure.indicators) {
    const x = tr.data.get(ind.code) as Float64Array;
    normalised.set(
      ind.code,
      normaliseColumn(x, spec.normalise, { direction: ind.direction, target: ind.target, refIndex }),
    );
  }
  const aggregated = aggregateTree(normalised, nodes, order, spec.aggregate, n);
  const ranks = new Map<string, Float64Array>();
  for (const [code, v] of aggregated)
    ranks.set(code, rankDescending(v, spec.rank.ties, spec.rank.roundDigits));
  return {
    units: table.units,
    raw,
    denominated,
    imputed,
    treated: tr.data,
    treatLog: tr.log,
    normalised,
    aggregated,
    ranks,
    order: [...structure.indicators.map((i) => i.code), ...order],
  };
}

export function aggregateTree(
  normalised: Columns,
  nodes: ReadonlyMap<string, { weight: number; children: readonly string[]; level: number }>,
  order: readonly string[],
  agg: AggregateSpec | readonly AggregateSpec[],
  n: number,
): Columns {
  const out: Columns = new Map(normalised);
  for (const code of order) {
    const node = nodes.get(code);
    if (!node) continue;
    const spec = methodFor(agg, node.level);
    const kids = node.children.map((c) => out.get(c) as Float64Array);
    const w = node.children.map((c) => nodes.get(c)?.weight ?? 1);
    let y: Float64Array;
    if (spec.method === "copeland") {
      y = new Float64Array(n);
      const rows = Array.from({ length: n }, (_, i) => kids.map((k) => k[i] as number));
      y.set(copeland(rows, w).scores);
    } else {
      y = aggregateColumns(kids, w, spec, n);
    }
    out.set(code, y);
  }
  return out;
}

function methodFor(agg: AggregateSpec | readonly AggregateSpec[], level: number): AggregateSpec {
  if (!Array.isArray(agg)) return agg as AggregateSpec;
  const list = agg as readonly AggregateSpec[];
  return list[Math.min(level - 1, list.length - 1)] ?? { method: "arithmetic" };
}
