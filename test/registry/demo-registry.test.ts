import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import { ROOT, SHARED_SEED, sharedMissing } from "../support/paths.ts";
import { backends } from "../support/stores.ts";

const DEMO = join(ROOT, "data/demo-registry.csv");
const SEED = join(SHARED_SEED, "2022-digital-government-evaluation-release.txt");

/**
 * Names in the seed release's tier lists and rankings, read from its text (not typed here):
 * "第一名商务部、第二名交通运输部…", "浙江省,福建省并列第一、四川省第二名…", "卓越档:上海市、浙江省…".
 */
function seedNames(text: string): { bodies: Set<string>; apps: Array<{ app: string; place: string }> } {
  const bodies = new Set<string>();
  const apps: Array<{ app: string; place: string }> = [];
  const start = text.indexOf("2022年数字政府服务能力系列评估结果");
  const lines = text
    .slice(start)
    .split("\n")
    .map((l) => l.trim());
  let inApps = false;
  for (const line of lines) {
    if (/^[一二三四五]、/.test(line)) inApps = /App/.test(line);
    if (/^(卓越|优秀)(档|级)[:：]/.test(line)) {
      const list = line.replace(/^.*?[:：]/, "");
      if (list === "无") continue;
      for (const item of list.split("、")) {
        const m = /^(.+?)\((.+)\)$/.exec(item.trim());
        if (inApps && m) apps.push({ app: m[1] as string, place: m[2] as string });
        else bodies.add(item.trim());
      }
      continue;
    }
    if (!/(第[一二三四]|位列)/.test(line) || /^[（(]|^注|^[一二三四五]、/.test(line)) continue;
    const cleaned = line
      .replace(/的政府网站/g, "")
      .replace(/位列第[一二三四五六七八九十]+到第[一二三四五六七八九十]+名?/g, "、")
      .replace(/并列第[一二三四五六七八九十]+名?/g, "、")
      .replace(/第[一二三四五六七八九十]+名?/g, "、")
      // 和 joins two names only after a body's suffix: 科技部和水利部, but not 工业和信息化部.
      .replace(/([部委局署省市区县])和/g, "$1、")
      .replace(/[。，,]/g, "、");
    for (const part of cleaned.split("、")) {
      const name = part.trim();
      if (name) bodies.add(name);
    }
  }
  return { bodies, apps };
}

describe("the demo registry (data/demo-registry.csv)", () => {
  test("imports without a single error", async () => {
    const store = await (backends[0] as (typeof backends)[0]).open();
    try {
      const result = await importRegistryCsv(store.db, "demo-registry.csv", readFileSync(DEMO));
      const errors = result.problems.filter((p) => p.severity === "error");
      assert.deepEqual(
        errors.map((p) => `${p.line}:${p.column}: ${p.message.en}`),
        [],
      );

      const inCategory = async (name: string) =>
        (
          await store.db
            .selectFrom("body_category")
            .innerJoin("category", "category.code", "body_category.category_code")
            .select("body_category.body_id")
            .where("category.name_zh", "=", name)
            .execute()
        ).map((r) => r.body_id);
      const provincial = await inCategory("省级政府");
      const keyCities = await inCategory("重点城市");
      assert.equal(
        provincial.length,
        32,
        "31 provinces, autonomous regions and municipalities, and 新疆生产建设兵团",
      );
      assert.equal(keyCities.length, 32, "27 provincial capitals and 5 计划单列市");
      assert.equal(new Set([...provincial, ...keyCities]).size, 64);
      assert.equal((await inCategory("直辖市")).length, 4);
      assert.equal((await inCategory("副省级城市")).length, 15);
      assert.equal((await inCategory("省会城市")).length, 27);

      // Every division-coded body carries a code that is current, not merely historical.
      const historical = result.problems.filter((p) => p.column === "division_code");
      assert.deepEqual(historical, []);
    } finally {
      await store.close();
    }
  });

  test("names every body and app of the seed release's tier lists and rankings", {
    skip: sharedMissing(SEED),
  }, async () => {
    const { bodies, apps } = seedNames(readFileSync(SEED, "utf8"));
    assert.ok(bodies.size >= 100, `read ${bodies.size} names from the seed release`);
    assert.ok(bodies.has("税务总局") && bodies.has("深圳罗湖区") && bodies.has("苏州工业园区"));
    const store = await (backends[0] as (typeof backends)[0]).open();
    try {
      await importRegistryCsv(store.db, "demo-registry.csv", readFileSync(DEMO));
      const rows = await store.db.selectFrom("body").select(["id", "name", "short_name"]).execute();
      const known = new Set(rows.flatMap((r) => [r.name, r.short_name ?? ""]));
      const missing = [...bodies].filter((n) => !known.has(n));
      assert.deepEqual(missing, [], "bodies of the seed release missing from the demo registry");

      const appRows = await store.db
        .selectFrom("app")
        .innerJoin("body", "body.id", "app.body_id")
        .select(["app.name", "body.short_name", "body.name as body_name"])
        .execute();
      for (const { app, place } of apps) {
        assert.ok(
          appRows.some((a) => a.name === app && `${a.short_name}${a.body_name}`.includes(place)),
          `app ${app} (${place}) is missing`,
        );
      }
    } finally {
      await store.close();
    }
  });
});
