import assert from "node:assert/strict";
import { test } from "node:test";
import { defacementDictionary } from "../../src/artifacts/defacement.ts";
import { integrityDefacement } from "../../src/checks/integrity-defacement.ts";
import { wordingOutdatedName } from "../../src/checks/wording-outdated-name.ts";
import { buildReport } from "../../src/inspect/report.ts";
import { HOME, pageFrom, portal, siteOf } from "./support.ts";

const U = (p: string) => new URL(p, HOME).href;
const findings = (...pages: [string, string][]) =>
  integrityDefacement.run(siteOf(pages.map(([url, html], i) => pageFrom(url, html, i === 0 ? 0 : 1))))
    .findings;

/** What intruders plant: a hijacked title, hidden 暗链 to casinos, a porn block, a defacer's tag. */
const PLANTED: [string, string][] = [
  [HOME, portal("<p>欢迎访问</p>", { title: "澳门新葡京娱乐官网-首页" })],
  [
    U("/a/1.html"),
    portal(`<p>关于开展安全生产检查的通知。</p>
<div style="display:none"><a href="https://x.example/">百家乐</a><a href="https://y.example/">bet365体育在线</a><a href="https://z.example/">北京赛车PK10</a></div>`),
  ],
  [U("/a/2.html"), portal("<p>免费成人视频 午夜福利 在线观看</p>")],
  [U("/a/3.html"), portal("<h1>Hacked by Team X</h1><p>网站已被黑</p>")],
];

test("integrity.defacement: planted gambling, pornography and defacement wording, in titles and hidden text", () => {
  const f = findings(...PLANTED);
  assert.deepEqual(
    f.map((x) => [x.page, x.text, x.kind, x.inTitle ?? false]),
    [
      [HOME, "澳门新葡京", "gambling", true],
      [U("/a/1.html"), "百家乐", "gambling", false],
      [U("/a/1.html"), "bet365", "gambling", false],
      [U("/a/1.html"), "PK10", "gambling", false],
      [U("/a/2.html"), "成人视频", "pornography", false],
      [U("/a/2.html"), "午夜福利", "pornography", false],
      [U("/a/3.html"), "Hacked by", "defacement", false],
      [U("/a/3.html"), "网站已被黑", "defacement", false],
    ],
  );
  const r = buildReport(siteOf(PLANTED.map(([u, h], i) => pageFrom(u, h, i === 0 ? 0 : 1))), "a", "b");
  assert.equal(r.checks["integrity.defacement"]?.outcome, "fail");
  assert.equal(integrityDefacement.severity, "critical");
});

test("integrity.defacement: government wording about crackdowns is not defacement", () => {
  const clean: [string, string][] = [
    [HOME, portal("<p>我县召开打击赌博专项行动部署会</p>", { title: "严厉打击六合彩违法犯罪_某县人民政府" })],
    [
      U("/a/1.html"),
      portal(`<p>公安机关严厉打击地下六合彩、网络赌博等违法犯罪活动，查处老虎机12台，取缔百家乐赌博窝点3个。</p>
<p>扫黄打非办清理色情网站、黄色网站等有害信息。警惕裸聊敲诈，谨防网络约炮诈骗。</p>
<p>近期网上赌球问题突出，请广大群众举报赌球线索。我局依法查处一起利用成人网站传播淫秽物品案。</p>
<p>网站防护：网站已被黑客攻击时应立即报告。</p>`),
    ],
    // Latin terms inside longer words and numbers; 彩票 of the state lotteries; place names.
    [
      U("/a/2.html"),
      portal(
        `<p>下载 appk10.apk，型号 PK100，编号 bet3650。福利彩票和体育彩票销售点。太阳城小区、金沙县、澳门特别行政区。</p>`,
      ),
    ],
  ];
  assert.deepEqual(findings(...clean), []);
});

test("integrity.defacement: a crackdown in the previous sentence does not excuse the next one", () => {
  const f = findings([HOME, portal("<p>我县严厉打击赌博。百家乐真人在线，注册就送。</p>")]);
  assert.deepEqual(
    f.map((x) => x.text),
    ["百家乐"],
  );
});

test("integrity.defacement: each term once per page; matched with the renamed bodies in one scan, which still work", () => {
  const page = portal("<p>百家乐 百家乐 百家乐。2024年请向国家工商总局咨询。</p>");
  const s = siteOf([pageFrom(HOME, page, 0)]);
  assert.equal(integrityDefacement.run(s).findings.length, 1);
  assert.deepEqual(
    wordingOutdatedName.run(s).findings.map((f) => f.text),
    ["国家工商总局"],
  );
});

test("the defacement dictionary: every term has a kind and a source named in the file; no plain government words", () => {
  const d = defacementDictionary();
  assert.ok(d.terms.length >= 30);
  assert.ok(d.crackdown.before.includes("打击") && d.crackdown.after.includes("犯罪"));
  const sources = new Set(["nanhai", "suixian", "seo", "cstc", "brands", "deface"]);
  for (const t of d.terms) assert.ok(sources.has(t.source), `${t.term}: source ${t.source}`);
  for (const word of ["赌博", "色情", "彩票", "黄色", "成人", "娱乐", "体育", "太阳城", "金沙", "黑客"])
    assert.ok(!d.terms.some((t) => t.term === word), word);
});
