import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { seededUniform } from "../../src/scoring/prng.ts";
import { rankDescending } from "../../src/scoring/rank.ts";
import { meanAbsRankShift, rankStats } from "../../src/scoring/rank-stats.ts";
import { saltelliDesign, sobolIndices } from "../../src/scoring/sensitivity.ts";
import { ASEM, absent, readCsv, relErr } from "./shared.ts";

const DIR = `${ASEM}sensitivity/`;
const skip = absent(`${DIR}SA_Ranks.csv`);

/** runs[r][i] from a COINr results table (rows = units, columns r_1 … r_M). */
function runs(file: string): { units: string[]; nominal: number[]; runs: number[][] } {
  const rows = readCsv(file);
  const cols = Object.keys(rows[0] ?? {}).filter((k) => k.startsWith("r_"));
  return {
    units: rows.map((r) => r.uCode as string),
    nominal: rows.map((r) => Number(r.Nominal)),
    runs: cols.map((c) => rows.map((r) => Number(r[c]))),
  };
}

for (const kind of ["UA", "SA"] as const) {
  test(`${kind}: ranks of the stored scores equal the stored ranks (competition ranking)`, { skip }, () => {
    const s = runs(`${DIR}${kind}_Scores.csv`);
    const r = runs(`${DIR}${kind}_Ranks.csv`);
    assert.deepEqual(s.units, r.units);
    // The runs are ranked on unrounded scores (2-dp rounding would create ties COINr did not).
    for (const [k, scores] of s.runs.entries()) {
      assert.deepEqual([...rankDescending(scores, "competition")], r.runs[k], `run ${k + 1}`);
    }
    assert.deepEqual([...rankDescending(s.nominal, "competition")], r.nominal);
  });

  test(`${kind}: rank statistics (mean, median, R type-7 5th/95th percentiles)`, { skip }, () => {
    const r = runs(`${DIR}${kind}_Ranks.csv`);
    // The SA statistics use only the first 2N = 200 runs (the A and B samples).
    const used = kind === "SA" ? r.runs.slice(0, 200) : r.runs;
    const stats = rankStats(used, r.nominal);
    const ref = readCsv(`${DIR}${kind}_RankStats.csv`);
    for (const row of ref) {
      const i = r.units.indexOf(row.uCode as string);
      const st = stats[i];
      assert.ok(st);
      assert.ok(relErr(st.mean, Number(row.Mean)) < 1e-12, `${row.uCode} mean`);
      assert.equal(st.median, Number(row.Median), `${row.uCode} median`);
      assert.ok(relErr(st.q5, Number(row.Q5)) < 1e-12, `${row.uCode} q5 ${st.q5} ${row.Q5}`);
      assert.ok(relErr(st.q95, Number(row.Q95)) < 1e-12, `${row.uCode} q95`);
    }
  });
}

test("SA: first-order and total Sobol indices from the stored 600 runs", { skip }, () => {
  const r = runs(`${DIR}SA_Ranks.csv`);
  // COINr's SA output per run: mean absolute rank shift against the nominal ranks.
  const y = r.runs.map((run) => meanAbsRankShift(run, r.nominal));
  const ref = readCsv(`${DIR}SA_Sensitivity.csv`);
  const d = ref.length;
  const n = y.length / (d + 2);
  assert.equal(n, 100);
  const s = sobolIndices(y, n, d);
  for (const [i, row] of ref.entries()) {
    assert.ok(relErr(s.si[i] as number, Number(row.Si)) < 1e-10, `${row.Variable} Si`);
    assert.ok(relErr(s.sti[i] as number, Number(row.STi)) < 1e-10, `${row.Variable} STi`);
  }
});

test("Saltelli design + estimator converge to the Ishigami analytic indices", {
  skip: absent(`${DIR}ishigami_reference.json`),
}, () => {
  const ref = JSON.parse(readFileSync(`${DIR}ishigami_reference.json`, "utf8")) as {
    S1: number[];
    ST: number[];
  };
  const n = 20000;
  const d = 3;
  const rows = saltelliDesign(n, d, seededUniform(42));
  assert.equal(rows.length, n * (d + 2));
  const y = rows.map((u) => {
    const [x1, x2, x3] = [...u].map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
    return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
  });
  const s = sobolIndices(y, n, d);
  for (let i = 0; i < d; i++) {
    assert.ok(
      Math.abs((s.si[i] as number) - (ref.S1[i] as number)) < 0.05,
      `S${i + 1} ${s.si[i]} vs ${ref.S1[i]}`,
    );
    assert.ok(
      Math.abs((s.sti[i] as number) - (ref.ST[i] as number)) < 0.05,
      `ST${i + 1} ${s.sti[i]} vs ${ref.ST[i]}`,
    );
  }
});
