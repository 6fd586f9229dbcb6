import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  EvaluationError,
  getEvaluation,
  saveEvidenceValues,
} from "../../src/evaluations/evaluation-store.ts";
import { parseEvidenceCsv } from "../../src/evaluations/evidence-csv.ts";
import { createEvaluation, evaluationCategories, evaluationTargets } from "../../src/evaluations/members.ts";
import { scoreEvaluation } from "../../src/evaluations/score-evaluation.ts";
import { parseFramework } from "../../src/frameworks/load.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";

/** Each unit's score is one rubric level; dense ranking per category, threshold tiers. */
const SOURCE = `
schema: govscore.framework/1
id: test-multi
version: "1"
kind: composite
name: { zh: 多类别测试, en: multi-category test }
sources: [{ title: written for this test }]
pipeline:
  normalise: { method: none }
  aggregate: { method: sum }
  ranking: { ties: dense, round: 1, groupBy: category }
tiers:
  levels: [{ name: 卓越级, min: 90 }, { name: 优秀级, min: 80 }, { name: 未入级 }]
tree:
  code: index
  children:
    - { code: quality, source: { from: rubric, levels: { A: 95, B: 85, C: 70, D: 60 } } }
`;
const FRAMEWORK = parseFramework(SOURCE, "test-multi.yaml");

const REGISTRY = [
  "kind,body_id,name,short_name,categories,level,division_code",
  "body,cn-510100,成都市人民政府,成都市,副省级城市;省会城市,prefectural,510100",
  "body,cn-350200,厦门市人民政府,厦门市,副省级城市,prefectural,350200",
  "body,cn-430100,长沙市人民政府,长沙市,省会城市,prefectural,430100",
  "body,cn-420100,武汉市人民政府,武汉市,副省级城市;省会城市,prefectural,420100",
  "body,cn-110000,北京市人民政府,北京市,省级政府;直辖市,provincial,110000",
  "body,cn-310000,上海市人民政府,上海市,省级政府;直辖市,provincial,310000",
  "body,cn-440300,深圳市人民政府,深圳市,副省级城市,prefectural,440300",
  "app,cn-110000,北京通,,省级政务服务App;城市服务App,,",
  "app,cn-310000,随申办,,省级政务服务App;城市服务App,,",
  "app,cn-440300,i深圳,,城市服务App,,",
].join("\n");

const create = (store: Store, code: string, categories: string[], extra: { bodies?: string[] } = {}) =>
  createEvaluation(store.db, {
    code,
    name: code,
    framework: FRAMEWORK,
    frameworkSource: SOURCE,
    asOf: "2022-11-30",
    categories,
    ...extra,
  });

for (const backend of backends) {
  describe(`units in several categories, apps as units (${backend.name})`, { skip: backend.skip }, () => {
    let store: Store;
    before(async () => {
      store = await backend.open();
      const r = await importRegistryCsv(store.db, "r.csv", Buffer.from(REGISTRY));
      assert.deepEqual(
        r.problems.filter((p) => p.severity === "error"),
        [],
      );
    });
    after(async () => {
      await store?.close();
    });

    test("a body is ranked in every listed category it belongs to, its score computed once", async () => {
      const created = await create(store, "cities", ["副省级城市", "省会城市=省会城市网站"]);
      assert.equal(created.targets, 5, "成都 and 武汉 counted once");
      assert.deepEqual(created.categories, [
        { category: "副省级城市", title: null, units: 4 },
        { category: "省会城市", title: "省会城市网站", units: 3 },
      ]);
      const ev = await getEvaluation(store.db, "cities");
      const targets = await evaluationTargets(store.db, ev.id);
      const chengdu = targets.find((t) => t.bodyId === "cn-510100");
      assert.deepEqual(chengdu?.categories, ["副省级城市", "省会城市"]);
      assert.deepEqual(
        (await evaluationCategories(store.db, ev.id)).map((c) => [c.name, c.title]),
        [
          ["副省级城市", null],
          ["省会城市", "省会城市网站"],
        ],
      );
      // 厦门 A (95) > 深圳 B = 成都 B (85) > 武汉 C; among capitals 成都 B is first.
      const csv = ["body_id,kind,code,value", "cn-350200,rubric,quality,A", "cn-440300,rubric,quality,B"]
        .concat(["cn-510100,rubric,quality,B", "cn-420100,rubric,quality,C", "cn-430100,rubric,quality,C"])
        .join("\n");
      const parsed = parseEvidenceCsv(Buffer.from(csv), "e.csv", FRAMEWORK, targets);
      assert.deepEqual(parsed.problems, []);
      await saveEvidenceValues(store.db, ev.id, parsed.rows);
      const { scores, runId } = await scoreEvaluation(store.db, "cities");
      assert.equal(scores.bodies.length, 5, "one entry per unit");
      const cd = scores.bodies.find((b) => b.bodyId === "cn-510100");
      assert.deepEqual(cd?.rankings, [
        { category: "副省级城市", ranks: { quality: 2, index: 2 } },
        { category: "省会城市", ranks: { quality: 1, index: 1 } },
      ]);
      assert.equal(cd?.scores.index, 85);
      const wh = scores.bodies.find((b) => b.bodyId === "cn-420100");
      assert.deepEqual(
        wh?.rankings.map((r) => [r.category, r.ranks.index]),
        [
          ["副省级城市", 3],
          ["省会城市", 2],
        ],
      );
      const kept = await store.db
        .selectFrom("score_result")
        .select(["category_code", "score", "rank"])
        .where("run_id", "=", runId)
        .where("body_id", "=", "cn-510100")
        .where("node", "=", "index")
        .orderBy("category_code")
        .execute();
      assert.deepEqual(kept, [
        { category_code: "provincial-capital", score: 85, rank: 1 },
        { category_code: "sub-provincial-city", score: 85, rank: 2 },
      ]);
    });

    test("an unknown category is refused with the closest name, and nothing is written", async () => {
      await assert.rejects(
        create(store, "typo", ["副省级城市", "省/自治区"]),
        (e: Error) => e instanceof EvaluationError && /是否指「省、自治区」/.test(e.message),
      );
      await assert.rejects(create(store, "typo", ["副省级"]), (e: Error) =>
        /did you mean "副省级城市"/.test(e.message),
      );
      await assert.rejects(create(store, "twice", ["地市", "地市"]), /listed twice/);
      await assert.rejects(
        create(store, "mixed", ["直辖市", "城市服务App"]),
        /evaluates bodies or apps, not both/,
      );
      await assert.rejects(getEvaluation(store.db, "typo"), EvaluationError);
    });

    test("an evaluation over app categories evaluates the apps, each tiered in each of its categories", async () => {
      const created = await create(store, "apps", ["省级政务服务App", "城市服务App"]);
      assert.equal(created.targets, 3);
      await assert.rejects(
        create(store, "apps-body", ["城市服务App"], { bodies: ["cn-510100"] }),
        /--body adds bodies only/,
      );
      const ev = await getEvaluation(store.db, "apps");
      const targets = await evaluationTargets(store.db, ev.id);
      assert.deepEqual(
        targets.map((t) => [t.bodyId, t.app?.name, t.categories, t.websites.length]),
        [
          ["cn-110000", "北京通", ["省级政务服务App", "城市服务App"], 0],
          ["cn-310000", "随申办", ["省级政务服务App", "城市服务App"], 0],
          ["cn-440300", "i深圳", ["城市服务App"], 0],
        ],
      );
      // Values name the app by its owner and its name, as the registry does.
      const noAppColumn = parseEvidenceCsv(
        Buffer.from("body_id,kind,code,value\ncn-110000,rubric,quality,A\n"),
        "e.csv",
        FRAMEWORK,
        targets,
      );
      assert.deepEqual(
        noAppColumn.problems.map((p) => p.column),
        ["app"],
      );
      const bad = parseEvidenceCsv(
        Buffer.from(
          "body_id,app,kind,code,value\ncn-110000,,rubric,quality,A\ncn-110000,i深圳,rubric,quality,A\n",
        ),
        "e.csv",
        FRAMEWORK,
        targets,
      );
      assert.deepEqual(
        bad.problems.map((p) => `${p.line}:${p.column}`),
        ["2:app", "3:app"],
      );
      const good = parseEvidenceCsv(
        Buffer.from(
          "body_id,app,kind,code,value\n" +
            "cn-110000,北京通,rubric,quality,B\ncn-310000,随申办,rubric,quality,A\ncn-440300,i深圳,rubric,quality,C\n",
        ),
        "e.csv",
        FRAMEWORK,
        targets,
      );
      assert.deepEqual(good.problems, []);
      await saveEvidenceValues(store.db, ev.id, good.rows);
      const { scores } = await scoreEvaluation(store.db, "apps");
      const byApp = new Map(scores.bodies.map((b) => [b.app?.name, b]));
      assert.equal(byApp.get("北京通")?.tier, "优秀级");
      assert.deepEqual(
        byApp.get("北京通")?.rankings.map((r) => [r.category, r.ranks.index]),
        [
          ["省级政务服务App", 2],
          ["城市服务App", 2],
        ],
      );
      assert.equal(byApp.get("i深圳")?.tier, "未入级");
      // A body evaluation's values never name an app.
      const cities = await evaluationTargets(store.db, (await getEvaluation(store.db, "cities")).id);
      const appInBody = parseEvidenceCsv(
        Buffer.from("body_id,app,kind,code,value\ncn-510100,北京通,rubric,quality,A\n"),
        "e.csv",
        FRAMEWORK,
        cities,
      );
      assert.deepEqual(
        appInBody.problems.map((p) => p.column),
        ["app"],
      );
    });
  });
}
