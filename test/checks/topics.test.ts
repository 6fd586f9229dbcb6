import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { monthsBefore } from "../../src/artifacts/dates.ts";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { pageFields } from "../../src/artifacts/page.ts";
import { columnsNamed, menuName, requiredColumns } from "../../src/artifacts/required-columns.ts";
import {
  annualReportList,
  annualReportYear,
  interpretedNames,
  linkRelation,
  namesDocument,
  reportYearOnly,
  statsKind,
  titlePeriodEnd,
} from "../../src/artifacts/topics.ts";

// The text readings behind column.required-missing, column.stats-stale, report.annual-missing and
// interpretation.unlinked (src/artifacts/topics.ts, required-columns.ts), as properties over the
// ways sites write them.

const BODIES = ["某县", "海南省人民政府办公厅", "国家税务总局海口市税务局", "三亚市天涯区", "德清县人民政府"];
const CN = "〇一二三四五六七八九";
const cnYear = (y: number) => [...String(y)].map((d) => CN[Number(d)]).join("");
const wide = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
/** Spaces where a CMS or an editor puts them: anywhere. */
const spaced = (s: string, at: number[]) => [...s].map((c, i) => (at.includes(i) ? ` ${c}` : c)).join("");

/** A report's title, as sites write it, for year y. */
const REPORT_FORMS: ((b: string, y: number) => string)[] = [
  (b, y) => `${b}${y}年政府信息公开工作年度报告`,
  (b, y) => `${y}年度${b}政府信息公开工作年度报告`,
  (b, y) => `${b}政府信息公开工作年度报告（${y}年度）`,
  (b, y) => `${b}${y}年政府信息公开年报`,
  (b, y) => `${b}${y}年度政府信息公开年度报告`,
  (b, y) => `${b}${cnYear(y)}年政府信息公开工作年度报告`,
  (b, y) => wide(`${b}${y}年政府信息公开工作年度报告`),
  (b, y) => `${b}${y}年政府信息公开工作年度报告 ${y + 1}-01-20`,
  (b, y) => `${y + 1}年1月20日发布：${b}${y}年度政府信息公开工作年度报告`,
  (b, y) => `关于公布${b}${y}年政府信息公开工作年度报告的通知`,
  (b, y) => `${b}${y}年政府信息公开工作年度报告.pdf`,
  (b, y) => `一图读懂${b}${y}年政府信息公开工作年度报告`,
];

test("annualReportYear: the year of a report, however its title is written", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2008, max: 2099 }),
      fc.constantFrom(...BODIES),
      fc.constantFrom(...REPORT_FORMS),
      fc.array(fc.nat(40), { maxLength: 4 }),
      (y, b, form, at) => {
        assert.equal(annualReportYear(spaced(form(b, y), at)), y, form(b, y));
      },
    ),
    { numRuns: 400 },
  );
});

test("annualReportYear: notices about preparing reports, other reports and yearless titles are not one", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2008, max: 2099 }), fc.constantFrom(...BODIES), (y, b) => {
      for (const t of [
        `关于做好${y}年政府信息公开工作年度报告编制发布工作的通知`,
        `关于报送${y}年度政府信息公开工作年度报告的通知`,
        `${b}${y}年政府信息公开工作年度报告格式模板`,
        `关于${y}年政府信息公开工作年度报告审核情况的通报`,
        `${b}${y}年国民经济和社会发展统计公报`,
        `${b}${y}年法治政府建设年度报告`,
        `${b}政府信息公开工作年度报告`,
      ])
        assert.equal(annualReportYear(t), null, t);
    }),
  );
});

test("reportYearOnly and annualReportList: a list of the reports may name years only", () => {
  for (const [t, y] of [
    ["2025年", 2025],
    ["2025年度", 2025],
    ["（2025年）", 2025],
    ["【2025】", 2025],
    ["2025 年度报告", 2025],
    ["２０２４年", 2024],
    ["2025年1月", null],
    ["第2025号", null],
    ["1999年", null],
  ] as [string, number | null][])
    assert.equal(reportYearOnly(t), y, t);
  for (const n of [
    "政府信息公开年报",
    "政府信息公开工作年度报告",
    "信息公开年报",
    "年报",
    "某县2025年政府信息公开工作年度报告",
  ])
    assert.ok(annualReportList(n), n);
  for (const n of ["政府信息公开指南", "统计年报数据", "工作动态", null])
    assert.ok(!annualReportList(n), String(n));
});

const SERVICE = [
  "办件统计",
  "办件公示",
  "办件情况",
  "办件量统计",
  "办事数据统计",
  "政务服务事项办理情况统计",
  "行政审批办件数据",
];
const MESSAGE = [
  "留言统计",
  "信件统计",
  "来信办理情况",
  "留言办理情况统计",
  "诉求办理情况",
  "12345热线数据分析",
  "12345留言数据分析",
  "办理信件统计",
  "12345热线办件情况统计",
];
const NEITHER = [
  "信件选登",
  "市长信箱",
  "咨询投诉",
  "留言办理",
  "统计公报",
  "统计信息",
  "我市政务服务中心办件量突破100万件",
  "办事指南",
  "政务服务",
  "消费投诉数据分析",
  "12315投诉情况通报",
];

test("statsKind: names of 办件 and message-handling statistics, whatever is around them", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SERVICE.map((n) => [n, "service"]), ...MESSAGE.map((n) => [n, "message"])),
      fc.constantFrom("", "2026年9月份", "某县", "2026年第三季度"),
      fc.constantFrom("", "_某县人民政府", "情况", " - 某市政务服务网"),
      ([name, kind], before, after) => {
        assert.equal(statsKind(`${before}${name}${after}`), kind, `${before}${name}${after}`);
      },
    ),
  );
  for (const n of NEITHER) assert.equal(statsKind(n), null, n);
});

test("titlePeriodEnd: the end of the period a statistics title names", () => {
  const pad = (n: number) => String(n).padStart(2, "0");
  fc.assert(
    fc.property(
      fc.integer({ min: 2000, max: 2099 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 4 }),
      (y, m, q) => {
        assert.equal(titlePeriodEnd(`${y}年${m}月份办件统计`), `${y}-${pad(m)}`);
        assert.equal(titlePeriodEnd(`${y}年1-${m}月信件办理情况`), `${y}-${pad(m)}`);
        assert.equal(titlePeriodEnd(`${y}年1月至${m}月留言统计`), `${y}-${pad(m)}`);
        assert.equal(titlePeriodEnd(`${y}年第${"一二三四"[q - 1]}季度办件统计`), `${y}-${pad(3 * q)}`);
        assert.equal(titlePeriodEnd(`${y}年度第${q}季度办件统计`), `${y}-${pad(3 * q)}`);
        assert.equal(titlePeriodEnd(`${y}年上半年办件统计`), `${y}-06`);
        assert.equal(titlePeriodEnd(`${y}年下半年办件统计`), `${y}-12`);
        assert.equal(titlePeriodEnd(`${y}年度办件统计`), `${y}-12`);
        assert.equal(titlePeriodEnd(`截至${y}年${m}月15日留言统计`), `${y}-${pad(m)}-15`);
      },
    ),
  );
  assert.equal(titlePeriodEnd("办件统计"), null);
});

test("linkRelation: links to an interpretation or a document, not a menu's columns", () => {
  for (const [t, r] of [
    ["相关解读", "interpretation"],
    ["解读", "interpretation"],
    ["【解读】", "interpretation"],
    ["《某县促进消费若干措施》政策解读", "interpretation"],
    ["一图读懂《某县乡村振兴三年行动方案》", "interpretation"],
    ["县发改局负责人就《实施意见》答记者问", "interpretation"],
    ["政策原文", "document"],
    ["原文链接", "document"],
    ["《某县促进消费若干措施》", "document"],
    ["关于印发某县防汛抗旱应急预案的通知", "document"],
    ["某县乡村振兴三年行动方案.pdf", "document"],
    ["附件1：某县住房公积金管理办法.docx", "document"],
    ["某县人民政府令（第3号）", "document"],
    ["政策解读", null],
    ["政策文件", null],
    ["规范性文件", null],
    ["通知公告", null],
    ["某县召开安全生产工作会议", null],
    ["下一页", null],
  ] as [string, string | null][])
    assert.equal(linkRelation(t), r, t);
});

/** Names of documents: what the interpretation's title and the document's title both carry. */
const DOC_NAMES = fc
  .tuple(
    fc.constantFrom("某县", "海口市", "三亚市天涯区", "德清县"),
    fc.constantFrom("促进消费", "乡村振兴", "住房公积金管理", "优化营商环境", "防汛抗旱"),
    fc.constantFrom("若干措施", "三年行动方案", "实施办法", "管理规定", "实施意见"),
  )
  .map(([a, b, c]) => `${a}${b}${c}`);

test("interpretedNames and namesDocument: an interpretation's title names its document's title", () => {
  fc.assert(
    fc.property(
      DOC_NAMES,
      DOC_NAMES,
      fc.constantFrom(
        (n: string) => `《${n}》政策解读`,
        (n: string) => `一图读懂《${n}》`,
        (n: string) => `关于《${n}》的解读`,
        (n: string) => `关于印发${n}的通知的政策解读`,
        (n: string) => `图解：${n}`,
        (n: string) => `${n}问答`,
      ),
      fc.constantFrom(
        (n: string) => `关于印发《${n}》的通知`,
        (n: string) => `某县人民政府关于印发${n}的通知`,
        (n: string) => `${n}`,
      ),
      (doc, other, interp, policy) => {
        const names = interpretedNames(interp(doc));
        assert.ok(namesDocument(names, policy(doc)), `${interp(doc)} ↔ ${policy(doc)}: ${names}`);
        if (other !== doc)
          assert.ok(!namesDocument(names, policy(other)), `${interp(doc)} ≠ ${policy(other)}: ${names}`);
      },
    ),
    { numRuns: 300 },
  );
  assert.deepEqual(interpretedNames("政策解读"), []);
  assert.deepEqual(interpretedNames("某县召开政策宣讲会"), []);
});

test("monthsBefore: the same day n calendar months earlier, or that month's last day", () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date("2001-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
      fc.integer({ min: 0, max: 36 }),
      (d, n) => {
        const date = d.toISOString().slice(0, 10);
        const out = monthsBefore(date, n);
        const [y, m, day] = date.split("-").map(Number) as [number, number, number];
        const [y2, m2, day2] = out.split("-").map(Number) as [number, number, number];
        assert.equal(y * 12 + m - (y2 * 12 + m2), n, `${date} − ${n} → ${out}`);
        const last = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
        assert.equal(day2, Math.min(day, last), `${date} − ${n} → ${out}`);
      },
    ),
  );
  assert.equal(monthsBefore("2026-11-01", 3), "2026-08-01");
  assert.equal(monthsBefore("2026-05-31", 3), "2026-02-28");
  assert.equal(monthsBefore("2026-03-01", 3), "2025-12-01");
});

test("columnsNamed: every name of required-columns.yaml names its column, as menus write it", () => {
  const cols = requiredColumns();
  assert.deepEqual(
    cols.map((c) => c.id),
    ["overview", "functions", "leaders", "policy", "interpretation", "disclosure", "service", "interaction"],
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...cols.flatMap((c) => c.names.map((n) => [c.id, n] as const))),
      fc.constantFrom("丰台", "四川", "某县", "大兴区"),
      fc.constantFrom("", "· ", "【", " »"),
      fc.array(fc.nat(8), { maxLength: 2 }),
      ([id, name], place, deco, at) => {
        const text = spaced(`${deco}${name.replaceAll("*", place)}${deco === "【" ? "】" : ""}`, at);
        assert.ok(columnsNamed([text]).includes(id), `${text} → ${id}`);
      },
    ),
    { numRuns: 500 },
  );
  assert.equal(menuName(" 首 页 "), "首页");
  for (const t of [
    "国家原子能机构",
    "五里墩街道办事处",
    "友情链接",
    "统计公报",
    "首页",
    "English",
    "网站地图",
  ])
    assert.deepEqual(columnsNamed([t]), [], t);
  // A whole text, not a part: a news title that mentions 解读 names no column.
  assert.deepEqual(columnsNamed(["某县举行新出台惠民政策解读宣讲会"]), []);
});

test("page facts: links in the text carry annual reports, statistics and relations; menus only near the homepage", () => {
  const html = `<html><head><title>政府信息公开年报_某县人民政府</title></head><body>
<ul class="nav"><li><a href="/zwgk/">政务公开</a></li><li><a href="/ldxx/">领导信息</a></li></ul>
<ul><li><a href="/files/2024.pdf">2024年</a><span>2025-01-20</span></li>
<li><a href="/bjtj/t20261008_1.html">2026年9月份办件统计</a><span>2026-10-08</span></li></ul>
<p>附件：<a href="/files/bg2025.pdf">某县2025年政府信息公开工作年度报告（正式版）</a></p>
<p>相关链接：<a href="/jd/1.html">相关解读</a> <a href="/wj/1.html">关于印发某县防汛抗旱应急预案的通知</a></p>
<p><a href="/hd/xjtj/">信件统计</a></p></body></html>`;
  const facts = extractFacts(html);
  const at = (depth: number) => pageFields(facts, "https://www.example.gov.cn/zwgk/ndbg/", depth);
  const f = at(1);
  assert.deepEqual(f.annualReports, [2025, 2024]);
  assert.deepEqual(f.stats, [
    {
      kind: "service",
      href: "https://www.example.gov.cn/bjtj/t20261008_1.html",
      text: "2026年9月份办件统计",
      date: "2026-10-08",
    },
    { kind: "message", href: "https://www.example.gov.cn/hd/xjtj/", text: "信件统计", date: null },
  ]);
  // The report is no policy document: only what its text says of interpretations and documents.
  assert.deepEqual(f.related, [
    { href: "https://www.example.gov.cn/jd/1.html", to: "interpretation" },
    { href: "https://www.example.gov.cn/wj/1.html", to: "document" },
  ]);
  // 相关解读 is a link to interpretations too: the site has them.
  assert.deepEqual(f.namesColumns, ["leaders", "interpretation", "disclosure"]);
  assert.equal(at(2).namesColumns, undefined);
  // A page that names none of them carries none of the fields.
  const plain = pageFields(
    extractFacts("<title>工作动态</title><p><a href='/a'>某县召开会议</a></p>"),
    "https://x.gov.cn/",
    1,
  );
  for (const k of ["annualReports", "stats", "related", "namesColumns"] as const)
    assert.equal(plain[k], undefined, k);
});
