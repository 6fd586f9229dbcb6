import assert from "node:assert/strict";
import { test } from "node:test";
import { rankDescending, rankWithinGroups, roundTo } from "../../src/scoring/rank.ts";
import { tierByQuantile, tierByThreshold } from "../../src/scoring/tiers.ts";
import { yearOverYear } from "../../src/scoring/yoy.ts";

test("competition ranking 1,2,2,4 and dense ranking 1,2,2,3", () => {
  const s = [90, 80, 80, 70];
  assert.deepEqual([...rankDescending(s, "competition")], [1, 2, 2, 4]);
  assert.deepEqual([...rankDescending(s, "dense")], [1, 2, 2, 3]);
});

test("the seed's 副省级城市 listing: 第一 厦门, 青岛=深圳 并列第二, 成都 第三 (dense)", () => {
  // Invented scores with the published order and tie; dense ranking must give 1, 2, 2, 3, 4.
  const s = [91.2, 88.5, 88.5, 87.9, 85];
  assert.deepEqual([...rankDescending(s, "dense")], [1, 2, 2, 3, 4]);
  // Under competition ranking 成都 would be fourth, which the release does not say.
  assert.equal(rankDescending(s, "competition")[3], 4);
});

test("rounding before ranking creates ties; missing scores get no rank", () => {
  assert.deepEqual([...rankDescending([1.234, 1.2349, 1.1], "competition", 2)], [1, 1, 3]);
  assert.deepEqual([...rankDescending([1.234, 1.2349, 1.1], "competition")], [2, 1, 3]);
  const r = rankDescending([3, Number.NaN, 1]);
  assert.equal(r[0], 1);
  assert.ok(Number.isNaN(r[1] as number));
  assert.equal(r[2], 2);
  assert.equal(roundTo(1.005, 2), 1.01);
  assert.equal(roundTo(-2.5, 0), -3);
});

test("ranking within groups (one ranking per category)", () => {
  assert.deepEqual([...rankWithinGroups([5, 9, 7, 7], ["a", "a", "b", "b"], "dense")], [2, 1, 1, 1]);
});

test("tier thresholds: 110-point scale, boundaries inclusive", () => {
  const T = [
    { name: "卓越", min: 95 },
    { name: "优秀", min: 85 },
    { name: "良好", min: 75 },
    { name: "发展", min: 60 },
    { name: "准备" },
  ];
  assert.equal(tierByThreshold(95, T), "卓越");
  assert.equal(tierByThreshold(94.99, T), "优秀");
  assert.equal(tierByThreshold(85, T), "优秀");
  assert.equal(tierByThreshold(75, T), "良好");
  assert.equal(tierByThreshold(60, T), "发展");
  assert.equal(tierByThreshold(59.9, T), "准备");
  assert.equal(tierByThreshold(Number.NaN, T), null);
});

test("quantile classes within a group", () => {
  const scores = [1, 2, 3, 4, 10, 20, 30, 40];
  const groups = ["a", "a", "a", "a", "b", "b", "b", "b"];
  assert.deepEqual(tierByQuantile(scores, groups, ["top", "bottom"]), [
    "bottom",
    "bottom",
    "top",
    "top",
    "bottom",
    "bottom",
    "top",
    "top",
  ]);
});

test("year over year: changes, migration matrix, centre of gravity", () => {
  const order = ["A", "B", "C"];
  const y = yearOverYear(
    { units: ["x", "y", "z"], scores: [50, 60, 70], tiers: ["C", "B", "A"] },
    { units: ["x", "y", "z"], scores: [80, 65, 70], tiers: ["A", "B", "A"] },
    order,
  );
  assert.deepEqual(y.migration, [
    [1, 0, 0],
    [0, 1, 0],
    [1, 0, 0],
  ]);
  const x = y.changes.find((c) => c.unit === "x");
  assert.equal(x?.scoreChange, 30);
  assert.equal(x?.rankBefore, 3);
  assert.equal(x?.rankAfter, 1);
  assert.equal(x?.rankChange, 2);
  assert.equal(y.movedUp, true);
});
