import { chineseNumber } from "./numerals.ts";

export type ShareRule =
  | "all"
  | "none"
  | "almost-all"
  | "half"
  | "about-half"
  | "nearly-tens"
  | "about-fives"
  | "exact-tens"
  | "more-than-tens"
  | "under-tenth";

export interface ShareWording {
  readonly zh: string;
  readonly en: string;
  readonly rule: ShareRule;
}

/**
 * How a release says a share ("超过七成的地方…", "近40%的地方…") from the exact count and total.
 * The rules are tried in this order (P = 100 × count / total, compared exactly with integers, so
 * 24/64 = 37.5 is never mistaken for 37.49999…):
 *
 * 1. P = 100 → 全部 (all); 2. P = 0 → 没有 (none);
 * 3. P ≥ 97 → 几乎所有 (almost all);
 * 4. P = 50 → 一半 (half); 5. 48 ≤ P ≤ 52 → 约一半 (about half);
 * 6. X − 3 ≤ P < X for X = 10, 20 … 90 → 近X% (nearly X%; 近一半 for X = 50);
 * 7. X − 1 ≤ P ≤ X + 1 for X = 5, 15 … 95 → 约X% (about X%);
 * 8. P = X for X = 10, 20 … 90 → X成 (exactly X%);
 * 9. P > 10 → 超过N成 with N = ⌊P/10⌋ (more than N0%);
 * 10. otherwise (0 < P < 10 and not near 5 or 10) → 不到一成 (less than 10%).
 *
 * A wording never overstates: "超过" and "近" are strict on the side they claim.
 */
export function shareWording(count: number, total: number): ShareWording {
  if (!Number.isInteger(count) || !Number.isInteger(total) || total <= 0 || count < 0 || count > total) {
    throw new RangeError(`share needs 0 ≤ count ≤ total and total > 0, got ${count}/${total}`);
  }
  // P ⋚ x  ⇔  100·count ⋚ x·total: everything below stays in integers.
  const p100 = 100 * count;
  const cmp = (x: number) => p100 - x * total;
  if (count === total) return { zh: "全部", en: "all", rule: "all" };
  if (count === 0) return { zh: "没有", en: "none", rule: "none" };
  if (cmp(97) >= 0) return { zh: "几乎所有", en: "almost all", rule: "almost-all" };
  if (cmp(50) === 0) return { zh: "一半", en: "half", rule: "half" };
  if (cmp(48) >= 0 && cmp(52) <= 0) return { zh: "约一半", en: "about half", rule: "about-half" };
  for (let x = 10; x <= 90; x += 10) {
    if (cmp(x - 3) >= 0 && cmp(x) < 0) {
      return x === 50
        ? { zh: "近一半", en: "nearly half", rule: "nearly-tens" }
        : { zh: `近${x}%`, en: `nearly ${x}%`, rule: "nearly-tens" };
    }
  }
  for (let x = 5; x <= 95; x += 10) {
    if (cmp(x - 1) >= 0 && cmp(x + 1) <= 0) return { zh: `约${x}%`, en: `about ${x}%`, rule: "about-fives" };
  }
  for (let x = 10; x <= 90; x += 10) {
    if (cmp(x) === 0) return { zh: `${chineseNumber(x / 10)}成`, en: `${x}%`, rule: "exact-tens" };
  }
  if (cmp(10) > 0) {
    const n = Math.floor(p100 / (10 * total));
    return { zh: `超过${chineseNumber(n)}成`, en: `more than ${n * 10}%`, rule: "more-than-tens" };
  }
  return { zh: "不到一成", en: "less than 10%", rule: "under-tenth" };
}

/**
 * A count said the way the seed says large counts ("220余家", "290余个"): from 100 up, a count
 * that is not a multiple of ten is floored to tens and marked 余 (more than); smaller or round
 * counts are given exactly.
 */
export function approximateCount(n: number): { zh: string; en: string } {
  if (n >= 100 && n % 10 !== 0) {
    const floor = Math.floor(n / 10) * 10;
    return { zh: `${floor}余`, en: `more than ${floor}` };
  }
  return { zh: String(n), en: String(n) };
}
