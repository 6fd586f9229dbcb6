import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { FitError, fitPoints } from "../../src/frameworks/fit.ts";

// Tables made from known points: the fit must give them back, whatever the points and scores.
const table = fc.integer({ min: 1, max: 8 }).chain((k) =>
  fc.record({
    points: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: k, maxLength: k }),
    rows: fc.array(
      fc.array(
        fc.integer({ min: 0, max: 1000 }).map((x) => x / 10),
        { minLength: k, maxLength: k },
      ),
      {
        minLength: k + 2,
        maxLength: 40,
      },
    ),
  }),
);

test("points are recovered exactly from totals made with them", () => {
  fc.assert(
    fc.property(table, ({ points, rows }) => {
      const input = {
        dimensions: points.map((_, i) => `d${i}`),
        scale: 100,
        rows: rows.map((scores, i) => ({
          unit: `u${i}`,
          scores,
          total: scores.reduce((s, x, j) => s + ((points[j] as number) * x) / 100, 0),
        })),
      };
      let fit: ReturnType<typeof fitPoints>;
      try {
        fit = fitPoints(input);
      } catch (e) {
        // Drawn scores can be dependent (a column of zeros, two equal rows…): said, never a guess.
        assert.ok(e instanceof FitError);
        return;
      }
      for (const [j, p] of fit.points.entries())
        assert.ok(Math.abs(p - (points[j] as number)) < 1e-6, `${p} vs ${points[j]}`);
      assert.ok(fit.maxAbsResidual < 1e-6);
    }),
    { numRuns: 300 },
  );
});

test("a published table rounded to one decimal: points within a tenth, residuals say how far", () => {
  const points = [45, 10, 10, 15, 10, 10, 10];
  let seed = 7;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const rows = Array.from({ length: 17 }, (_, i) => {
    const scores = points.map(() => Math.round((60 + 40 * rnd()) * 10) / 10);
    const total = Math.round(scores.reduce((s, x, j) => s + ((points[j] as number) * x) / 100, 0) * 10) / 10;
    return { unit: `u${i}`, scores, total };
  });
  const fit = fitPoints({ dimensions: points.map((_, i) => `d${i}`), scale: 100, rows });
  for (const [j, p] of fit.points.entries())
    assert.ok(Math.abs(p - (points[j] as number)) < 1.5, `${p} vs ${points[j]}`);
  assert.ok(fit.maxAbsResidual <= 0.1, `rounding to 0.1 leaves at most 0.05 a total: ${fit.maxAbsResidual}`);
  assert.ok(fit.maxAbsResidual > 0);
  assert.equal(fit.residuals.length, 17);
  assert.ok(fit.r2 > 0.99);
});

test("too few rows, or columns that cannot be told apart, are refused", () => {
  const row = (scores: number[], total: number) => ({ unit: "u", scores, total });
  assert.throws(
    () => fitPoints({ dimensions: ["a", "b"], scale: 100, rows: [row([1, 2], 3)] }),
    /at least 2/,
  );
  assert.throws(
    () =>
      fitPoints({
        dimensions: ["a", "b"],
        scale: 100,
        rows: [row([10, 20], 3), row([20, 40], 6), row([30, 60], 9)],
      }),
    /linearly dependent/,
  );
});
