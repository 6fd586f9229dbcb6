import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { approximateCount, shareWording } from "../../src/publish/text/share-wording.ts";

/** [count, total, Chinese, English, rule] at and either side of every boundary of docs/publishing.md. */
const CASES: [number, number, string, string, string][] = [
  [64, 64, "全部", "all", "all"],
  [0, 64, "没有", "none", "none"],
  [63, 64, "几乎所有", "almost all", "almost-all"], // 98.4
  [97, 100, "几乎所有", "almost all", "almost-all"], // exactly 97
  [969, 1000, "超过九成", "more than 90%", "more-than-tens"], // 96.9: above 96, under 97
  [96, 100, "约95%", "about 95%", "about-fives"], // 96 = 95 + 1
  [94, 100, "约95%", "about 95%", "about-fives"],
  [93, 100, "超过九成", "more than 90%", "more-than-tens"],
  [59, 64, "超过九成", "more than 90%", "more-than-tens"], // 92.2
  [90, 100, "九成", "90%", "exact-tens"],
  [56, 64, "近90%", "nearly 90%", "nearly-tens"], // 87.5
  [87, 100, "近90%", "nearly 90%", "nearly-tens"], // exactly 90 − 3
  [86, 100, "约85%", "about 85%", "about-fives"],
  [48, 64, "约75%", "about 75%", "about-fives"], // 75
  [74, 100, "约75%", "about 75%", "about-fives"],
  [76, 100, "约75%", "about 75%", "about-fives"],
  [73, 100, "超过七成", "more than 70%", "more-than-tens"],
  [46, 64, "超过七成", "more than 70%", "more-than-tens"], // 71.9
  [70, 100, "七成", "70%", "exact-tens"],
  [32, 64, "一半", "half", "half"],
  [52, 100, "约一半", "about half", "about-half"],
  [48, 100, "约一半", "about half", "about-half"],
  [53, 100, "超过五成", "more than 50%", "more-than-tens"],
  [47, 100, "近一半", "nearly half", "nearly-tens"],
  [24, 64, "近40%", "nearly 40%", "nearly-tens"], // 37.5
  [37, 100, "近40%", "nearly 40%", "nearly-tens"],
  [40, 100, "四成", "40%", "exact-tens"],
  [7, 100, "近10%", "nearly 10%", "nearly-tens"],
  [4, 100, "约5%", "about 5%", "about-fives"],
  [3, 100, "不到一成", "less than 10%", "under-tenth"],
  [1, 64, "不到一成", "less than 10%", "under-tenth"],
];

describe("share wording", () => {
  for (const [count, total, zh, en, rule] of CASES) {
    test(`${count}/${total} → ${zh}`, () => {
      assert.deepEqual(shareWording(count, total), { zh, en, rule });
    });
  }

  test("boundaries are exact, not floating point: 9700/10000 is 97 %, 9699/10000 is not", () => {
    assert.equal(shareWording(9699, 10000).rule, "more-than-tens");
    assert.equal(shareWording(9700, 10000).rule, "almost-all");
    // 2/3 = 66.67 %: more than six tenths, not near 70 (70 − 3 = 67).
    assert.equal(shareWording(2, 3).zh, "超过六成");
    assert.equal(shareWording(67, 100).zh, "近70%");
  });

  test("every share from 0 to 100 % has exactly one wording and never overstates", () => {
    for (let total = 1; total <= 120; total++) {
      for (let count = 0; count <= total; count++) {
        const w = shareWording(count, total);
        const p = (100 * count) / total;
        if (w.zh.startsWith("超过"))
          assert.ok(p > Number(w.en.replace(/\D/g, "")), `${count}/${total} ${w.zh}`);
        if (w.zh.startsWith("近") && w.zh.endsWith("%"))
          assert.ok(p < Number(w.en.replace(/\D/g, "")), `${count}/${total}`);
      }
    }
  });

  test("bad shares are refused", () => {
    assert.throws(() => shareWording(3, 2), RangeError);
    assert.throws(() => shareWording(1, 0), RangeError);
    assert.throws(() => shareWording(0.5, 2), RangeError);
  });

  test("large counts are said the way the seed says them", () => {
    assert.deepEqual(approximateCount(226), { zh: "220余", en: "more than 220" });
    assert.deepEqual(approximateCount(640), { zh: "640", en: "640" });
    assert.deepEqual(approximateCount(99), { zh: "99", en: "99" });
    assert.deepEqual(approximateCount(101), { zh: "100余", en: "more than 100" });
  });
});
