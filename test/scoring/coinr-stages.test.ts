import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { runPipeline } from "../../src/scoring/pipeline.ts";
import { structureFromMetaCsv, tableFromCsv } from "../../src/scoring/table-csv.ts";
import type { PipelineSpec, Structure, Table } from "../../src/scoring/types.ts";
import { ASEM, absent, readCsv, relErr } from "./shared.ts";

const skip = absent(`${ASEM}stages/Data_Raw.csv`);

/** The settings of scoring.md that reproduce COINr's stored ASEM build. */
const SPEC: PipelineSpec = {
  denominate: true,
  impute: { method: "mean", group: "Group_EurAsia" },
  treat: { method: "winsorise", skew: 2, kurtosis: 3.5, winmax: 5, fallback: "log" },
  normalise: { method: "minmax", l: 0, u: 100 },
  aggregate: { method: "arithmetic" },
  rank: { ties: "competition", roundDigits: 2 },
};

/** Builds the engine input from COINr's own stored inputs (Data_Raw + denominators + metadata). */
function fromStages(): { table: Table; structure: Structure } {
  const raw = readFileSync(`${ASEM}stages/Data_Raw.csv`, "utf8");
  const base = tableFromCsv(raw, "UnitCode");
  const dens = tableFromCsv(readFileSync(`${ASEM}stages/Input_Denominators.csv`, "utf8"), "UnitCode");
  const columns = new Map(base.columns);
  for (const [k, v] of dens.columns) {
    // Denominator rows are in the same unit order; check rather than assume.
    assert.deepEqual(dens.units, base.units);
    columns.set(k, v);
  }
  const ind = readCsv(`${ASEM}stages/Input_IndMeta.csv`);
  const str = readCsv(`${ASEM}stages/Parameters_Structure.csv`);
  const aggW = new Map(readCsv(`${ASEM}stages/Input_AggMeta.csv`).map((r) => [r.Code, Number(r.Weight)]));
  const parents = new Map<string, string | undefined>();
  for (const r of str) {
    parents.set(r.Agg1 as string, r.Agg2);
    parents.set(r.Agg2 as string, r.Agg3);
    parents.set(r.Agg3 as string, undefined);
  }
  return {
    table: { units: base.units, columns, groups: base.groups },
    structure: {
      indicators: ind.map((r) => ({
        code: r.IndCode as string,
        direction: Number(r.Direction) < 0 ? -1 : 1,
        weight: Number(r.IndWeight),
        parent: r.Agg1 as string,
        denominator: r.Denominator === "NA" ? undefined : r.Denominator,
      })),
      aggregates: [...parents].map(([code, parent]) => ({ code, parent, weight: aggW.get(code) ?? 1 })),
    },
  };
}

function compareStage(
  t: { diagnostic(s: string): void },
  name: string,
  mine: Map<string, Float64Array>,
  units: readonly string[],
  tol: number,
) {
  const ref = tableFromCsv(readFileSync(`${ASEM}stages/${name}.csv`, "utf8"), "UnitCode");
  let worst = 0;
  let compared = 0;
  for (const [code, col] of ref.columns) {
    if (code === "Year") continue;
    const m = mine.get(code);
    assert.ok(m, `${name}: engine has no column ${code}`);
    for (let i = 0; i < col.length; i++) {
      const j = units.indexOf(ref.units[i] as string);
      const e = relErr(m[j] as number, col[i] as number);
      if (e > worst) worst = e;
      compared++;
    }
  }
  t.diagnostic(`${name}: ${compared} values, worst relative error ${worst}`);
  assert.ok(compared > 0);
  assert.ok(worst <= tol, `${name}: worst relative error ${worst} > ${tol}`);
}

test("COINr ASEM: every stage from Data_Raw matches to 1e-9", { skip }, (t) => {
  const { table, structure } = fromStages();
  const r = runPipeline(table, structure, SPEC);
  compareStage(t, "Data_Denominated", r.denominated, r.units, 1e-9);
  compareStage(t, "Data_Imputed", r.imputed, r.units, 1e-9);
  compareStage(t, "Data_Treated", r.treated, r.units, 1e-9);
  compareStage(t, "Data_Normalised", r.normalised, r.units, 1e-9);
  compareStage(t, "Data_Aggregated", r.aggregated, r.units, 1e-9);
});

test("COINr ASEM: treatment log matches (15 winsorised, none logged, same counts per side)", { skip }, () => {
  const { table, structure } = fromStages();
  for (const winmax of [5, 6]) {
    const r = runPipeline(table, structure, { ...SPEC, treat: { ...SPEC.treat, winmax } });
    const ref = readCsv(`${ASEM}stages/Analysis_Treated_TreatSummary.csv`);
    for (const row of ref) {
      const log = r.treatLog.find((l) => l.code === row.IndCode);
      assert.ok(log, row.IndCode);
      assert.equal(log.winsorisedLow, Number(row.Low), `${row.IndCode} low`);
      assert.equal(log.winsorisedHigh, Number(row.High), `${row.IndCode} high`);
      assert.equal(log.logged, false);
    }
    assert.equal(r.treatLog.filter((l) => l.winsorisedLow + l.winsorisedHigh > 0).length, 15);
  }
});

test("COINr ASEM: ranks on 2-decimal scores match Results_AggregatesRank (with its two ties)", {
  skip,
}, () => {
  const { table, structure } = fromStages();
  const r = runPipeline(table, structure, SPEC);
  const ref = readCsv(`${ASEM}stages/Results_AggregatesRank.csv`);
  for (const row of ref) {
    const i = r.units.indexOf(row.UnitCode as string);
    for (const [code, v] of Object.entries(row)) {
      if (code === "UnitCode" || code === "UnitName") continue;
      assert.equal(r.ranks.get(code)?.[i], Number(v), `${row.UnitCode} ${code}`);
    }
  }
});

test("COINr ASEM from iData (full precision): scores within 1e-7, ranks under both rounding policies", {
  skip,
}, () => {
  const { structure, groupCodes } = structureFromMetaCsv(
    readFileSync(`${ASEM}inputs/ASEM_iMeta.csv`, "utf8"),
  );
  const table = tableFromCsv(readFileSync(`${ASEM}inputs/ASEM_iData.csv`, "utf8"), "uCode", groupCodes);
  const spec = { ...SPEC, impute: { method: "mean", group: "EurAsia_group" } } as const;
  const rounded = runPipeline(table, structure, spec);
  const unrounded = runPipeline(table, structure, { ...spec, rank: { ties: "competition" } });
  const ref = readCsv(`${ASEM}ASEM_expected_summary.csv`);
  let tiesSeen = 0;
  for (const row of ref) {
    const i = rounded.units.indexOf(row.uCode as string);
    assert.ok(i >= 0, row.uCode);
    for (const code of [
      "Index",
      "Conn",
      "Sust",
      "Physical",
      "ConEcFin",
      "Political",
      "Instit",
      "P2P",
      "Environ",
      "Social",
      "SusEcFin",
    ]) {
      const exp = Number(row[`v6_${code}`]);
      assert.ok(relErr(rounded.aggregated.get(code)?.[i] as number, exp) <= 1e-7, `${row.uCode} ${code}`);
      const rr = Number(row[`v6_rank_${code}_rounded2dp_COINr6`]);
      const ru = Number(row[`v6_rank_${code}_unrounded`]);
      assert.equal(rounded.ranks.get(code)?.[i], rr, `${row.uCode} ${code} rounded rank`);
      assert.equal(unrounded.ranks.get(code)?.[i], ru, `${row.uCode} ${code} unrounded rank`);
      if (rr !== ru) tiesSeen++;
    }
  }
  // The two policies differ exactly where 2-dp rounding creates a tie (ConEcFin RUS=JPN, Instit PRT=LUX).
  assert.ok(tiesSeen >= 2, `expected the rounding ties to show, saw ${tiesSeen} differences`);
});
