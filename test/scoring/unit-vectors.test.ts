import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { aggregateValues, copeland } from "../../src/scoring/aggregate.ts";
import { normaliseColumn } from "../../src/scoring/normalise.ts";
import { rankDescending, rankWithinGroups } from "../../src/scoring/rank.ts";
import { mean, sd } from "../../src/scoring/stats.ts";
import { treatColumn } from "../../src/scoring/treat.ts";
import type { AggregateSpec } from "../../src/scoring/types.ts";
import { ASEM, absent } from "./shared.ts";

const file = `${ASEM}coinr_unit_vectors.json`;
const skip = absent(file);
// biome-ignore lint/suspicious/noExplicitAny: a JSON fixture
const V: any = skip ? {} : JSON.parse(readFileSync(file, "utf8"));
const close = (a: number, b: number, msg?: string) =>
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${msg ?? ""} ${a} vs ${b}`);

test("COINr aggregation vectors: geometric, harmonic, generalised, arithmetic with NA", { skip }, () => {
  for (const c of V.aggregation) {
    const x = Float64Array.from(c.x, (v: number | null) => (v === null ? Number.NaN : v));
    const w = c.w ?? x.map(() => 1);
    const spec: AggregateSpec =
      c.fn === "a_gmean"
        ? { method: "geometric" }
        : c.fn === "a_hmean"
          ? { method: "harmonic" }
          : c.fn === "a_genmean"
            ? { method: "generalised", p: c.p }
            : { method: "arithmetic" };
    if (c.expected_error) assert.throws(() => aggregateValues(x, w, spec), /non-positive/);
    else close(aggregateValues(x, w, spec), c.expected, c.fn);
  }
});

test("COINr outranking vectors: matrix and Copeland scores, tie case", { skip }, () => {
  const o = V.outranking;
  const r = copeland(o.X_rows_units_cols_indicators, o.w);
  for (let i = 0; i < r.matrix.length; i++) {
    for (let j = 0; j < r.matrix.length; j++)
      close(r.matrix[i]?.[j] as number, o.OutRankMatrix[i][j], `orm ${i},${j}`);
  }
  assert.deepEqual([...r.scores], o.copeland_scores);
  const t = copeland(o.tie_case.X, [1, 1]);
  assert.equal(t.matrix[0]?.[1], o.tie_case.orm_12);
  assert.deepEqual([...t.scores], o.tie_case.copeland);
});

test("COINr normalisation vectors: minmax, zscore, goalposts, distance to target", { skip }, () => {
  for (const c of V.normalisation) {
    if (!c.x) continue;
    const x = Float64Array.from(c.x as number[]);
    const dir = (c.direction ?? 1) as 1 | -1;
    if (c.fn === "n_minmax") {
      const y = normaliseColumn(x, { method: "minmax", l: c.l_u[0], u: c.l_u[1] }, { direction: 1 });
      for (const [i, e] of (c.expected as number[]).entries()) close(y[i] as number, e, "minmax");
    } else if (c.fn === "n_zscore") {
      const y = normaliseColumn(x, { method: "zscore", mean: c.m_sd[0], sd: c.m_sd[1] }, { direction: 1 });
      close(mean(y), c.expected_mean);
      close(sd(y), c.expected_sd);
    } else if (c.fn === "n_dist2targ") {
      const y = normaliseColumn(
        x,
        { method: "dist2targ", cap: c.cap_max },
        { direction: dir, target: c.targ },
      );
      for (const [i, e] of (c.expected as number[]).entries()) close(y[i] as number, e, "dist2targ");
    } else if (c.fn === "n_goalposts") {
      const [lower, upper, scale] = c.gposts;
      const y = normaliseColumn(x, { method: "goalposts", lower, upper, scale }, { direction: dir });
      for (const [i, e] of (c.expected as number[]).entries()) close(y[i] as number, e, "goalposts");
    } else {
      assert.fail(`unhandled vector ${c.fn}`);
    }
  }
});

test("COINr rank vectors: descending min ranks, and by group", { skip }, () => {
  for (const c of V.ranking) {
    const got = c.grp ? rankWithinGroups(c.x, c.grp) : rankDescending(c.x);
    assert.deepEqual([...got], c.expected, c.fn);
  }
});

test("COINr treatment vectors: one winsorisation step; log of the original when winmax is not enough", {
  skip,
}, () => {
  const [w, l] = V.treatment;
  const a = treatColumn(Float64Array.from(w.x), { method: "winsorise", winmax: 5 });
  assert.deepEqual([...a.y], w.expected);
  const b = treatColumn(Float64Array.from(l.x), { method: "winsorise", winmax: 1, fallback: "log-ct" });
  assert.equal(b.logged, true);
  for (const [i, e] of (l.expected as number[]).entries()) close(b.y[i] as number, e, "log");
});
