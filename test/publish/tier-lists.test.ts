import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { officialDepartmentOrder } from "../../src/publish/official-order.ts";
import { compareAdministrative } from "../../src/publish/order.ts";
import { categoryText, placesOfCategory } from "../../src/publish/text/category-text.ts";
import type { ReleaseCategory, ReleaseEntry, ReleaseEvaluation } from "../../src/publish/types.ts";

const entry = (body: string, extra: Partial<ReleaseEntry> = {}): ReleaseEntry => ({
  body,
  dimensions: {},
  ...extra,
});
const evaluation = (
  present: ReleaseEvaluation["present"],
  suffix: "档" | "级" = "档",
): ReleaseEvaluation => ({
  name: "评估",
  ranking: "dense",
  tierSuffix: suffix,
  tierLadder: ["卓越", "优秀", "良好", "发展"],
  publishedTiers: ["卓越", "优秀"],
  present,
  categories: [],
});
const category = (entries: ReleaseEntry[]): ReleaseCategory => ({ name: "类别", entries });

describe("tier lists (golden)", () => {
  test("ordered by GB/T 2260 code, not by the input order or the score", () => {
    const c = category([
      entry("贵州省", { divisionCode: "520000", tier: "优秀", score: 99 }),
      entry("北京市", { divisionCode: "110000", tier: "优秀", score: 80 }),
      entry("安徽省", { divisionCode: "340000", tier: "优秀", score: 85 }),
      entry("福建省", { divisionCode: "350000", tier: "优秀", score: 90 }),
      entry("深圳市", { divisionCode: "440300", tier: "卓越" }),
      entry("广东省", { divisionCode: "440000", tier: "卓越" }),
      entry("河北省", { divisionCode: "130000", tier: "良好" }),
    ]);
    const text = categoryText(evaluation("tiers"), c, ["卓越", "优秀"]);
    assert.deepEqual(text.tierLinesZh, ["卓越档：广东省、深圳市", "优秀档：北京市、安徽省、福建省、贵州省"]);
    assert.deepEqual(text.tierLinesEn, [
      "Outstanding tier: 广东省, 深圳市",
      "Excellent tier: 北京市, 安徽省, 福建省, 贵州省",
    ]);
    assert.equal(text.rankingZh, "");
  });

  test("an empty tier is said, not left out", () => {
    const c = category([entry("北京通（北京）", { divisionCode: "110000", tier: "优秀" })]);
    const text = categoryText(evaluation("tiers", "级"), c, ["卓越", "优秀"]);
    assert.deepEqual(text.tierLinesZh, ["卓越级：无", "优秀级：北京通（北京）"]);
    assert.deepEqual(text.tierLinesEn, ["Outstanding level: none", "Excellent level: 北京通（北京）"]);
  });

  test("State Council departments in their official order, before local governments", () => {
    const order = officialDepartmentOrder();
    const c = category(
      ["生态环境部", "商务部", "发展改革委", "外交部", "审计署", "科技部"].map((n) =>
        entry(n, { order: order.get(n), tier: "优秀" }),
      ),
    );
    assert.deepEqual(categoryText(evaluation("tiers"), c, ["优秀"]).tierLinesZh, [
      "优秀档：外交部、发展改革委、科技部、生态环境部、商务部、审计署",
    ]);
    assert.ok(compareAdministrative({ order: 3 }, { divisionCode: "110000" }) < 0);
    assert.ok(compareAdministrative({ divisionCode: "bm07" }, { divisionCode: "110000" }) < 0);
    assert.ok(compareAdministrative({}, { divisionCode: "110000" }) > 0);
  });

  test("the official order covers the departments of the seed and reads every name form", () => {
    const order = officialDepartmentOrder();
    for (const n of [
      "商务部",
      "卫生健康委",
      "国家卫生健康委员会",
      "税务总局",
      "林业和草原局",
      "林草局",
      "气象局",
      "知识产权局",
    ]) {
      assert.ok(order.has(n), n);
    }
    assert.ok((order.get("税务总局") as number) < (order.get("市场监管总局") as number));
    assert.ok((order.get("国务院国有资产监督管理委员会") as number) > (order.get("审计署") as number));
  });

  test("bodies sharing a place are listed in administrative order", () => {
    const c = category([
      entry("杭州市", { divisionCode: "330100", rank: 5 }),
      entry("哈尔滨市", { divisionCode: "230100", rank: 5 }),
      entry("武汉市", { divisionCode: "420100", rank: 4 }),
    ]);
    assert.deepEqual(placesOfCategory(c).zh, [
      { rank: 4, names: ["武汉市"] },
      { rank: 5, names: ["哈尔滨市", "杭州市"] },
    ]);
  });

  test("an evaluation presented both ways gives tier lists and a ranking", () => {
    const c = category([entry("甲", { divisionCode: "110000", tier: "卓越", rank: 1 })]);
    const text = categoryText(evaluation("both"), c, ["卓越"]);
    assert.deepEqual(text.tierLinesZh, ["卓越档：甲"]);
    assert.equal(text.rankingZh, "第一名甲。");
  });
});
