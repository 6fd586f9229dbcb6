import assert from "node:assert/strict";
import { describe, test } from "node:test";
import ExcelJS from "exceljs";
import { chartFigure, releaseCharts } from "../../src/publish/export/charts.ts";
import { markdownToHtml } from "../../src/publish/export/markdown.ts";
import { DEFAULT_TIERS } from "../../src/publish/load-input.ts";
import { produceRelease } from "../../src/publish/produce.ts";
import { parseScoresCsv } from "../../src/publish/scores-csv.ts";
import { dimensionStandings, strengthsAndWeaknesses } from "../../src/publish/site/strengths.ts";
import { smallInput } from "./support/build-small.ts";

const MARKUP = '甘肃省 <b>&"测试"</b>';

describe("exports", () => {
  test("the release text in both languages, with findings, year over year and cases", async () => {
    const { out } = await produceRelease(smallInput(), { pdf: false, site: false });
    const zh = out.get("release.zh.md") as string;
    const en = out.get("release.en.md") as string;
    assert.match(zh, /^# 2023年数字政府服务能力系列评估结果发布$/m);
    assert.match(
      zh,
      /与2022年相比，数字政府服务能力评估中达到卓越档、优秀档的由4个增至5个，其他档级的保持2个，档级重心上移。/,
    );
    assert.match(zh, /7个被评估对象中，超过七成（5个）达到优秀档及以上/);
    assert.match(zh, /共征集到3家单位推荐的4个实践案例。其中，数字政府类案例3个，政府网站类案例1个。/);
    assert.match(zh, /卓越档：上海市、浙江省\n\n优秀档：北京市、安徽省、福建省/);
    assert.ok(zh.includes("第一名商务部，第二名交通运输部，科技部和水利部并列第三。"));
    assert.match(en, /Outstanding tier: Shanghai, Zhejiang/);
    assert.match(
      en,
      /Compared with 2022, in the Digital government capability the number in the Outstanding and Excellent tiers rose from 4 to 5/,
    );
    assert.ok(!zh.includes("{{") && !en.includes("{{"), "no placeholder left");
  });

  test("HTML: every input text is escaped, charts are accessible SVG with a data table, no script", async () => {
    const { out } = await produceRelease(smallInput(), { pdf: false, site: true });
    const html = out.get("release.html") as string;
    assert.ok(!/<script/i.test(html));
    assert.ok(!html.includes("<b>&"), "raw markup from the input reached the page");
    const charts = releaseCharts(smallInput());
    assert.deepEqual(
      charts.map((c) => c.id),
      ["tiers-1", "scores-1", "scores-2", "migration-1"],
    );
    for (const c of charts) {
      assert.match(c.svg, /^<svg role="img" aria-label="[^"]+"/);
      assert.ok(!c.svg.includes("<b>"), `${c.id} carries raw markup`);
      assert.match(chartFigure(c), /<figcaption>[\s\S]*<table>/);
    }
    assert.deepEqual(charts[3]?.table.rows[1], ["优秀档", "1", "2", "0", "0"]);
  });

  test("Markdown is rendered with all text escaped and only http(s) links", () => {
    assert.equal(
      markdownToHtml(
        "# 标题 <i>\n\n段落 **重点** [链接](https://a.gov.cn/?x=1&y=2) [坏](javascript:alert(1))\n\n- 一\n- 二",
      ),
      '<h1>标题 &lt;i&gt;</h1>\n<p>段落 <strong>重点</strong> <a href="https://a.gov.cn/?x=1&amp;y=2">链接</a> [坏](javascript:alert(1))</p>\n<ul><li>一</li><li>二</li></ul>',
    );
  });

  test("CSV and JSON carry the computed ranks and dimensions; the CSV reads back as a scores file", async () => {
    const input = smallInput();
    const { out } = await produceRelease(input, { pdf: false, site: false });
    const csv = out.get("results.csv") as string;
    const back = parseScoresCsv("results.csv", new TextEncoder().encode(csv), DEFAULT_TIERS);
    assert.equal(back.rows.length, 11);
    assert.deepEqual(back.dimensions, [
      "服务方式完备度",
      "服务事项覆盖度",
      "办事指南准确度",
      "在线办理成熟度",
    ]);
    const anhui = back.rows.find((r) => r.body === "安徽省");
    assert.equal(anhui?.rank, 4);
    assert.equal(back.rows.find((r) => r.body === MARKUP)?.body, MARKUP);
    const json = JSON.parse(out.get("results.json") as string);
    assert.equal(json.schema, "govscore.release/2");
    assert.equal(json.evaluations[1].categories[0].entries[3].rank, 3);
  });

  test("XLSX: a sheet per category with a column per dimension", async () => {
    const { out } = await produceRelease(smallInput(), { pdf: false, site: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.get("results.xlsx") as Uint8Array) as never);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ["省级政府", "国务院组成部门"],
    );
    const ws = wb.getWorksheet("省级政府");
    assert.ok(ws);
    assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1), [
      "单位 body",
      "代码 code",
      "得分 score",
      "名次 rank",
      "档级 tier",
      "服务方式完备度",
      "服务事项覆盖度",
      "办事指南准确度",
      "在线办理成熟度",
    ]);
    assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1), [
      "上海市",
      "310000",
      94.1,
      1,
      "卓越档",
      96,
      93,
      94,
      93,
    ]);
  });

  test("strengths and weaknesses are a body's best and worst dimensions relative to its category", () => {
    const input = smallInput();
    const category = input.evaluations[0]?.categories[0];
    assert.ok(category);
    const zhejiang = category.entries.find((e) => e.body === "浙江省");
    assert.ok(zhejiang);
    const standings = dimensionStandings(zhejiang, category, input.dimensions);
    const { strengths, weaknesses } = strengthsAndWeaknesses(standings);
    assert.deepEqual(
      strengths.map((s) => s.dimension),
      ["在线办理成熟度", "服务方式完备度"],
    );
    assert.deepEqual(
      weaknesses.map((s) => s.dimension),
      ["办事指南准确度", "服务事项覆盖度"],
    );
  });

  test("the site has a page per evaluation and per body, with change since last year and evidence", async () => {
    const { site } = await produceRelease(smallInput(), { pdf: false, site: true });
    assert.equal(site.size, 1 + 2 + 11);
    const page = [...site.entries()].find(([, html]) => html.includes("<h1>浙江省"))?.[1] ?? "";
    assert.match(page, /91 → 93\.5（\+2\.5）/);
    assert.match(page, /<a href="https:\/\/www\.zj\.gov\.cn\/">门户网站首页巡检报告<\/a>/);
    const gansu = [...site.values()].find((html) => html.includes("<h1>甘肃省 &lt;b&gt;")) ?? "";
    assert.match(gansu, /上一届未参评/);
    assert.match(gansu, /href="https:\/\/example\.gov\.cn\/\?a=1&amp;b=&lt;2&gt;"/);
    assert.ok(!gansu.includes("<script>alert"));
  });
});
