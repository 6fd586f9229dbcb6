import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { getEvaluation, saveEvidenceValues } from "../../src/evaluations/evaluation-store.ts";
import { parseEvidenceCsv } from "../../src/evaluations/evidence-csv.ts";
import { createEvaluation, evaluationTargets } from "../../src/evaluations/members.ts";
import { scoreEvaluation } from "../../src/evaluations/score-evaluation.ts";
import { parseFramework } from "../../src/frameworks/load.ts";
import { resultsJson } from "../../src/publish/export/data-files.ts";
import { loadDatabaseRelease } from "../../src/publish/from-evaluations.ts";
import { ReleaseInputError } from "../../src/publish/input-error.ts";
import { appLabel, placeName } from "../../src/publish/place-name.ts";
import { DEFAULT_TEMPLATES, renderRelease } from "../../src/publish/render-release.ts";
import { categoryText } from "../../src/publish/text/category-text.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import type { Store } from "../../src/store/open.ts";
import { backends } from "../support/stores.ts";

const framework = (id: string, extra: string) => `
schema: govscore.framework/1
id: ${id}
version: "1"
kind: composite
name: { zh: ${id}, en: ${id} }
sources: [{ title: written for this test }]
pipeline:
  normalise: { method: none }
  aggregate: { method: sum }
  ranking: { ties: dense, round: 1, groupBy: category }
${extra}
tree:
  code: index
  children:
    - { code: quality, name: { zh: 服务质量, en: quality }, source: { from: rubric, levels: { A: 95, B: 85, C: 70, D: 60 } } }
    - { code: extra, name: { zh: 加分, en: extra }, source: { from: yesno, yes: 1, no: 0 } }
`;
/** Ranked only (no tiers), as the website rankings are. */
const RANKED = framework("t-ranked", "");
/** Tiers named with 级, as the app evaluations name theirs; a lowest tier no release lists. */
const TIERED = framework(
  "t-tiered",
  "tiers:\n  levels: [{ name: 卓越级, min: 90 }, { name: 优秀级, min: 80 }, { name: 未入级 }]",
);
/** The five tiers of the digital-government framework, 准备 included. */
const FIVE = framework(
  "t-five",
  "tiers:\n  levels: [{ name: 卓越, min: 95 }, { name: 优秀, min: 85 }, { name: 良好, min: 75 }, { name: 发展, min: 60 }, { name: 准备 }]",
);

const REGISTRY = [
  "kind,body_id,name,short_name,categories,level,division_code",
  "body,cn-510100,成都市人民政府,成都市,副省级城市;省会城市;重点城市,prefectural,510100",
  "body,cn-350200,厦门市人民政府,厦门市,副省级城市;重点城市,prefectural,350200",
  "body,cn-430100,长沙市人民政府,长沙市,省会城市;重点城市,prefectural,430100",
  "body,cn-110000,北京市人民政府,北京市,省级政府;直辖市,provincial,110000",
  "body,cn-640000,宁夏回族自治区人民政府,宁夏回族自治区,省级政府;省、自治区,provincial,640000",
  "body,sc-mofcom,中华人民共和国商务部,商务部,国务院组成部门,national,",
  "body,sc-most,中华人民共和国科学技术部,科技部,国务院组成部门,national,",
  "app,cn-110000,北京通,,省级政务服务App;城市服务App,,",
  "app,cn-640000,我的宁夏,,省级政务服务App,,",
].join("\n");

async function evaluate(
  store: Store,
  code: string,
  source: string,
  categories: string[],
  values: string[],
  asOf = "2022-11-30",
  name = code,
) {
  const fw = parseFramework(source, code);
  await createEvaluation(store.db, {
    code,
    name,
    framework: fw,
    frameworkSource: source,
    asOf,
    categories,
  });
  const ev = await getEvaluation(store.db, code);
  const targets = await evaluationTargets(store.db, ev.id);
  const apps = targets.some((t) => t.app);
  const header = apps ? "body_id,app,kind,code,value" : "body_id,kind,code,value";
  const parsed = parseEvidenceCsv(Buffer.from([header, ...values].join("\n")), `${code}.csv`, fw, targets);
  assert.deepEqual(parsed.problems, []);
  await saveEvidenceValues(store.db, ev.id, parsed.rows);
  await scoreEvaluation(store.db, code);
}

for (const backend of backends) {
  describe(`one release from several evaluations in the database (${backend.name})`, {
    skip: backend.skip,
  }, () => {
    let store: Store;
    before(async () => {
      store = await backend.open();
      const r = await importRegistryCsv(store.db, "r.csv", Buffer.from(REGISTRY));
      assert.deepEqual(
        r.problems.filter((p) => p.severity === "error"),
        [],
      );
      // Last edition: 成都 优秀, 厦门 良好. This edition: both 卓越.
      await evaluate(
        store,
        "dg-2021",
        FIVE,
        ["重点城市=重点城市数字政府服务能力评估"],
        ["cn-510100,rubric,quality,B", "cn-350200,rubric,quality,C", "cn-430100,rubric,quality,D"],
        "2021-11-30",
        "数字政府服务能力评估",
      );
      await evaluate(
        store,
        "dg-2022",
        FIVE,
        ["重点城市=重点城市数字政府服务能力评估"],
        ["cn-510100,rubric,quality,A", "cn-350200,rubric,quality,A", "cn-430100,rubric,quality,C"],
        "2022-11-30",
        "数字政府服务能力评估",
      );
      await evaluate(
        store,
        "web-2022",
        RANKED,
        ["国务院组成部门", "省会城市", "副省级城市"],
        [
          "sc-mofcom,rubric,quality,A",
          "sc-most,rubric,quality,B",
          "cn-350200,rubric,quality,A",
          "cn-510100,rubric,quality,B",
          "cn-430100,rubric,quality,C",
        ],
      );
      await evaluate(
        store,
        "apps-2022",
        TIERED,
        ["省级政务服务App", "城市服务App"],
        ["cn-110000,北京通,rubric,quality,B", "cn-640000,我的宁夏,rubric,quality,A"],
      );
      const ev = await getEvaluation(store.db, "dg-2022");
      await store.db
        .insertInto("practice_case")
        .values([
          { evaluation_id: ev.id, body_id: "cn-510100", title: "一网通办", class: "履职能力", summary: "" },
          { evaluation_id: ev.id, body_id: "cn-510100", title: "城市大脑", class: "技术平台", summary: "" },
          { evaluation_id: ev.id, body_id: "cn-350200", title: "数据开放", class: "履职能力", summary: "" },
        ])
        .execute();
    });
    after(async () => {
      await store?.close();
    });

    test("sections in the order named, categories in each evaluation's order and titles, names not codes", async () => {
      const input = await loadDatabaseRelease(
        store.db,
        { evaluations: ["dg-2022", "web-2022", "apps-2022"], previous: ["dg-2021"] },
        { ranking: "dense" },
      );
      assert.deepEqual(
        input.evaluations.map((e) => [e.name, e.categories.map((c) => c.name)]),
        [
          ["数字政府服务能力评估", ["重点城市数字政府服务能力评估"]],
          ["web-2022", ["国务院组成部门", "省会城市", "副省级城市"]],
          ["apps-2022", ["省级政务服务App", "城市服务App"]],
        ],
      );
      assert.equal(input.year, 2022, "from the evaluations' as-of dates");
      assert.equal(input.previousYear, 2021);
      // Each tier ladder is its framework's: 准备 is one; 卓越级 is printed as 卓越 + 级.
      const [dg, web, apps] = input.evaluations;
      assert.deepEqual(dg?.tierLadder, ["卓越", "优秀", "良好", "发展", "准备"]);
      assert.deepEqual(apps?.tierLadder, ["卓越", "优秀", "未入"]);
      assert.equal(apps?.tierSuffix, "级");
      assert.equal(web?.present, "ranking");
      // 成都 is ranked among capitals and among sub-provincial cities, with one score.
      const lines = (e: typeof web) =>
        (e?.categories ?? []).map((c) => {
          const t = categoryText(e as NonNullable<typeof e>, c);
          return [...t.tierLinesZh, t.rankingZh].filter(Boolean).join(" ");
        });
      assert.deepEqual(lines(web), [
        "商务部、科技部位列第一到第二名。",
        "成都市、长沙市位列第一到第二名。",
        "厦门市、成都市位列第一到第二名。",
      ]);
      assert.deepEqual(lines(dg), ["卓越档：厦门市、成都市 优秀档：无"]);
      assert.deepEqual(lines(apps), [
        "卓越级：我的宁夏（宁夏） 优秀级：北京通（北京）",
        "卓越级：无 优秀级：北京通（北京）",
      ]);
      // No internal code anywhere: dimensions by name, no node or category code, no body id.
      assert.deepEqual(input.dimensions, ["服务质量", "加分"]);
      const json = resultsJson(input);
      for (const code of ["cn-", "sc-", "sub-provincial-city", "key-city", '"quality"', "t-five"])
        assert.ok(!json.includes(code), `${code} in results.json`);
      const zh = renderRelease(
        input,
        { file: DEFAULT_TEMPLATES.zh, text: "{{results}}\n\n{{yoy}}\n\n{{cases}}" },
        "zh",
      );
      assert.match(zh, /### 一、数字政府服务能力评估结果/);
      assert.match(zh, /### 三、apps-2022结果\n\n#### （一）省级政务服务App/);
      assert.doesNotMatch(zh, /cn-|sc-|key-city|provincial-app/);
      // Year over year against the named previous edition, each unit once.
      assert.match(zh, /与2021年相比，数字政府服务能力评估中达到卓越档、优秀档的由1个增至2个/);
      // The cases the evaluations received: three, from two bodies, by class.
      assert.match(
        zh,
        /2022年评估工作共征集到2家单位推荐的3个实践案例。其中，履职能力类案例2个，技术平台类案例1个。/,
      );
      const en = renderRelease(input, { file: DEFAULT_TEMPLATES.en, text: "{{results}}" }, "en");
      assert.match(en, /Provincial government service app/, "English category names from the registry");
    });

    test("refusals: an evaluation named twice, one not scored, two sharing a name", async () => {
      await assert.rejects(
        loadDatabaseRelease(store.db, { evaluations: ["web-2022", "web-2022"] }, { ranking: "dense" }),
        (e: Error) => e instanceof ReleaseInputError && /named twice/.test(e.message),
      );
      const fw = parseFramework(RANKED, "r");
      await createEvaluation(store.db, {
        code: "unscored",
        name: "web-2022",
        framework: fw,
        frameworkSource: RANKED,
        asOf: "2022-11-30",
        categories: ["直辖市"],
      });
      await assert.rejects(
        loadDatabaseRelease(store.db, { evaluations: ["web-2022", "unscored"] }, { ranking: "dense" }),
        /not scored yet/,
      );
      await scoreEvaluation(store.db, "unscored");
      // A unit without any value has no score and so no rank: it is released, not named.
      const alone = await loadDatabaseRelease(store.db, { evaluations: ["unscored"] }, { ranking: "dense" });
      const beijing = alone.evaluations[0]?.categories[0]?.entries[0];
      assert.deepEqual([beijing?.body, beijing?.score, beijing?.rank], ["北京市", undefined, undefined]);
      await assert.rejects(
        loadDatabaseRelease(store.db, { evaluations: ["web-2022", "unscored"] }, { ranking: "dense" }),
        /share the name "web-2022"/,
      );
    });
  });
}

test("an app is printed with its owner's place", () => {
  assert.equal(placeName("上海市"), "上海");
  assert.equal(placeName("广东省"), "广东");
  assert.equal(placeName("宁夏回族自治区人民政府"), "宁夏");
  assert.equal(placeName("广西壮族自治区"), "广西");
  assert.equal(placeName("商务部"), "商务部");
  assert.equal(appLabel("i深圳", "深圳市"), "i深圳（深圳）");
  assert.equal(appLabel("随申办（上海）", "上海市"), "随申办（上海）");
});
