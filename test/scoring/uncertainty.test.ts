import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { runPipeline } from "../../src/scoring/pipeline.ts";
import { structureFromMetaCsv, tableFromCsv } from "../../src/scoring/table-csv.ts";
import type { PipelineSpec } from "../../src/scoring/types.ts";
import { runUncertainty } from "../../src/scoring/uncertainty.ts";
import { ASEM, absent } from "./shared.ts";

const skip = absent(`${ASEM}inputs/ASEM_iData.csv`);
const SPEC: PipelineSpec = {
  denominate: true,
  impute: { method: "mean", group: "EurAsia_group" },
  treat: { method: "winsorise", winmax: 5 },
  normalise: { method: "minmax", l: 0, u: 100 },
  aggregate: { method: "arithmetic" },
  rank: { ties: "competition" },
};

function setup() {
  const { structure, groupCodes } = structureFromMetaCsv(
    readFileSync(`${ASEM}inputs/ASEM_iMeta.csv`, "utf8"),
  );
  const table = tableFromCsv(readFileSync(`${ASEM}inputs/ASEM_iData.csv`, "utf8"), "uCode", groupCodes);
  return { structure, table, nominal: runPipeline(table, structure, SPEC) };
}

test("Monte Carlo without uncertainty reproduces the nominal ranks", { skip }, async () => {
  const { structure, nominal } = setup();
  const u = await runUncertainty(nominal, structure, SPEC, { runs: 3, seed: 1, workers: 1 });
  for (const r of u.ranks) assert.deepEqual([...r], [...u.nominalRanks]);
  for (const s of u.stats) assert.equal(s.meanShift, 0);
});

test("Monte Carlo is seeded: same seed same result, serial = parallel; different seed differs", {
  skip,
}, async () => {
  const { structure, nominal } = setup();
  const spec = {
    runs: 40,
    seed: 7,
    weightNoise: 0.25,
    // All strictly positive so the geometric mean applies (it rejects values ≤ 0, as COINr does).
    normalisations: [
      { method: "minmax", l: 1, u: 100 },
      { method: "zscore", mean: 10, sd: 2 },
      { method: "rank" },
    ] as const,
    aggregations: [{ method: "arithmetic" }, { method: "geometric" }] as const,
    winmax: [4, 5, 6],
    exclude: ["LPI", "Forest"],
  };
  const serial = await runUncertainty(nominal, structure, SPEC, { ...spec, workers: 1 });
  const parallel = await runUncertainty(nominal, structure, SPEC, { ...spec, workers: 2 });
  assert.deepEqual(
    serial.ranks.map((r) => [...r]),
    parallel.ranks.map((r) => [...r]),
  );
  const other = await runUncertainty(nominal, structure, SPEC, { ...spec, seed: 8, workers: 1 });
  assert.notDeepEqual(
    serial.ranks.map((r) => [...r]),
    other.ranks.map((r) => [...r]),
  );
  // Sanity: rank statistics bracket the median and some rank moved.
  for (const s of serial.stats) assert.ok(s.q5 <= s.median && s.median <= s.q95);
  assert.ok(serial.stats.some((s) => s.meanShift > 0));
});

test("sensitivity over pipeline choices: Saltelli N(d+2) runs, indices in range, seeded", {
  skip,
}, async () => {
  const { runSensitivity } = await import("../../src/scoring/sensitivity-run.ts");
  const { structure, nominal } = setup();
  const s = {
    n: 20,
    seed: 3,
    weightNoise: 0.25,
    normalisations: [
      { method: "minmax", l: 0, u: 100 },
      { method: "prank", scale: 100 },
    ] as const,
    aggregations: [{ method: "arithmetic" }, { method: "harmonic" }] as const,
  };
  const a = runSensitivity(nominal, structure, SPEC, {
    ...s,
    normalisations: [...s.normalisations],
    aggregations: [...s.aggregations],
  });
  assert.deepEqual(a.inputs, ["normalisation", "weights", "aggregation"]);
  assert.equal(a.y.length, 20 * (3 + 2));
  for (const st of a.sti) assert.ok(st >= 0);
  const b = runSensitivity(nominal, structure, SPEC, {
    ...s,
    normalisations: [...s.normalisations],
    aggregations: [...s.aggregations],
  });
  assert.deepEqual(a.y, b.y);
});
