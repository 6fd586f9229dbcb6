import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyColumn, typeFromName } from "../../src/artifacts/column-types.ts";
import {
  fullDates,
  latestOf,
  resolveDate,
  shortDate,
  urlDate,
  yearHeading,
} from "../../src/artifacts/dates.ts";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { readFooter } from "../../src/artifacts/footer.ts";
import { guideElements } from "../../src/artifacts/page.ts";
import { TermMatcher } from "../../src/artifacts/wording.ts";

const dated = (html: string) =>
  extractFacts(html)
    .items.filter((i) => i.date !== null)
    .map((i) => `${i.href} ${i.date}`);

test("dates: every printed form, invalid days refused", () => {
  const text =
    "2022-12-20 2022/12/19 2022.12.18 2022年12月17日 2022年1月5日 2022-2-30 2022-13-01 12022-01-01";
  assert.deepEqual(
    fullDates(text).map((d) => d.date),
    ["2022-12-20", "2022-12-19", "2022-12-18", "2022-12-17", "2022-01-05"],
  );
  assert.equal(shortDate("[12-20]", "2022"), "2022-12-20");
  assert.equal(shortDate("12月20日", null), "--12-20");
  assert.equal(shortDate("(02-30)", "2022"), null);
  assert.equal(shortDate("第1-2季度", "2022"), null);
  assert.equal(yearHeading("2021年"), "2021");
  assert.equal(yearHeading("2021年工作"), null);
});

test("dates: item URLs carry them", () => {
  assert.equal(urlDate("/xxgk/t20221220_123.html"), "2022-12-20");
  assert.equal(urlDate("http://www.a.gov.cn/art/2022/12/20/art_1_2.html"), "2022-12-20");
  assert.equal(urlDate("/202212/t20221219_9.html"), "2022-12-19");
  assert.equal(urlDate("/zwgk/202211/abc.html"), "2022-11");
  assert.equal(urlDate("/content_5275116.htm"), null);
  assert.equal(urlDate("/col/col123/index.html?id=20221220"), null);
});

test("dates: resolved against as-of, never the wall clock", () => {
  assert.equal(resolveDate("--12-25", "2022-12-20"), "2021-12-25");
  assert.equal(resolveDate("--12-20", "2022-12-20"), "2022-12-20");
  assert.equal(resolveDate("2022-11", "2022-12-20"), "2022-11-30");
  assert.equal(resolveDate("2022-12", "2022-12-20"), "2022-12-20");
  assert.equal(latestOf(["2022-12-30", "2022-12-01", null, "--11-02"], "2022-12-20"), "2022-12-01");
});

test("lists: li + span, table cells, dl, div pairs, date inside the link, short dates under a year", () => {
  assert.deepEqual(
    dated(`<ul><li><a href="/a1.html">关于做好防汛工作的通知</a><span>2022-12-20</span></li>
      <li><span class="d">2022/12/01</span><a href="/a2.html">关于开展安全检查的通知</a></li></ul>`),
    ["/a1.html 2022-12-20", "/a2.html 2022-12-01"],
  );
  assert.deepEqual(
    dated(`<table><tr><td><a href="/t1.html">市政府召开常务会议</a></td><td>2022年12月19日</td></tr>
      <tr><td><a href="/t2.html">市长调研乡村振兴工作</a></td><td>2022.12.18</td></tr></table>`),
    ["/t1.html 2022-12-19", "/t2.html 2022-12-18"],
  );
  assert.deepEqual(
    dated(`<dl><dt><a href="/d1.html">全省数字政府建设推进会</a></dt><dd>2022-12-17</dd></dl>`),
    ["/d1.html 2022-12-17"],
  );
  assert.deepEqual(
    dated(`<div class="list"><a href="/p1.html">省长主持召开专题会议</a><em>2022-12-16</em><br>
      <a href="/p2.html">省政府新闻发布会举行</a><em>2022-12-15</em></div>`),
    ["/p1.html 2022-12-16", "/p2.html 2022-12-15"],
  );
  assert.deepEqual(dated(`<li><a href="/e1.html">关于印发实施方案的通知 2022-12-14</a></li>`), [
    "/e1.html 2022-12-14",
  ]);
  assert.deepEqual(
    dated(`<h3>2022</h3><ul><li><a href="/s1.html">召开全县经济工作会议</a>[12-13]</li></ul>
      <h3>2021年</h3><ul><li><a href="/s2.html">县长调研春耕生产</a><span>(03-02)</span></li></ul>`),
    ["/s1.html 2022-12-13", "/s2.html 2021-03-02"],
  );
  assert.deepEqual(dated(`<ul><li><a href="/m/t20221212_5.html">县政府常务会议</a></li></ul>`), [
    "/m/t20221212_5.html 2022-12-12",
  ]);
  // Navigation: short links, no dates, nothing dated.
  assert.deepEqual(dated(`<ul><li><a href="/">首页</a></li><li><a href="/x/">政务公开</a></li></ul>`), []);
});

test("article pages: labelled date, byline without label", () => {
  const f =
    extractFacts(`<h1>标题</h1><div class="info">发布时间：2022-12-20 09:30 来源：<a href="/">办公厅</a></div>
    <ul><li><a href="/r1.html">相关文章一二三四</a><span>2021-01-01</span></li></ul>`);
  assert.equal(f.labeledDate, "2022-12-20");
  assert.deepEqual(
    f.items.filter((i) => i.date).map((i) => i.date),
    ["2021-01-01"],
  );
  const g = extractFacts(
    `<h1>标题</h1><div class="info"><span>2022-12-19</span><span>来源：本网</span></div>`,
  );
  assert.equal(g.labeledDate, null);
  assert.equal(g.freeDate, "2022-12-19");
  const h = extractFacts(`<h1>标题</h1><div class="info">来源：本网</div><p>正文内容。</p>`);
  assert.equal(h.labeledDate, null);
  assert.equal(h.freeDate, null);
});

test("message boards: tables with 留言时间/答复时间 columns, detail pages, 未回复", () => {
  const board = extractFacts(`<table><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>
    <tr><td><a href="/m1.html">咨询社保转移问题</a></td><td>2022-03-01</td><td>2022-03-05</td><td>已回复</td></tr>
    <tr><td><a href="/m2.html">关于小区停车的建议</a></td><td>2022-05-01</td><td></td><td>未回复</td></tr></table>`);
  assert.deepEqual(board.messages, [
    { asked: "2022-03-01", answered: "2022-03-05", pending: false, href: "/m1.html" },
    { asked: "2022-05-01", answered: null, pending: true, href: "/m2.html" },
  ]);
  const detail = extractFacts(
    `<div><p>来信时间：2022年4月1日</p><p>内容……</p><p>答复时间：2022年8月9日</p></div>`,
  );
  assert.deepEqual(detail.messages, [
    { asked: "2022-04-01", answered: "2022-08-09", pending: false, href: null },
  ]);
  const inline = extractFacts(
    `<li><a href="/q.html">停车难</a><span>提问时间：2022-06-01</span><span>回复时间：2022-06-03</span></li>`,
  );
  assert.deepEqual(
    inline.messages.map((m) => [m.asked, m.answered, m.href]),
    [["2022-06-01", "2022-06-03", "/q.html"]],
  );
});

test("entries: search, elder mode, interaction, service, CONAC, jiucuo; empty notice", () => {
  const f = extractFacts(`<form action="/jsearch/search.do"><input type="text" name="searchword"></form>
    <a href="javascript:void(0)" onclick="aria.start()">无障碍浏览</a><a href="/hdjl/">领导信箱</a>
    <a href="https://zwfw.hainan.gov.cn/">政务服务</a>
    <script id="_jiucuo_" sitecode="4600000001" src="/js/jiucuo.js"></script>
    <span id="_ideConac"><a href="https://bszs.conac.cn/sitename?id=1"><img src="/red.png"></a></span>
    <div class="list">暂无信息</div>`);
  assert.deepEqual(f.entries, {
    search: true,
    elder: true,
    interaction: true,
    service: true,
    conac: true,
    jiucuo: true,
  });
  assert.equal(f.footer.jiucuoCode, "4600000001");
  assert.equal(f.saysEmpty, true);
  const none = extractFacts(`<p>建议提案办理</p><a href="/x/">建议提案办理</a><p>无障碍设施建设</p>`);
  assert.deepEqual(Object.values(none.entries), [false, false, false, false, false, false]);
});

test("footer: codes and numbers as printed, first filing wins, sponsor and contact from the end", () => {
  const f = readFooter(
    "正文…由区委宣传部主办，… 主办单位：三亚市人民政府办公室 承办：信息中心 网站标识码：4602000001 琼ICP备 05000041号-1 琼ICP备99999999号 琼公网安备 46020002000 123号 联系电话：0898-88888888",
  );
  assert.equal(f.siteIdCode, "4602000001");
  assert.equal(f.icp, "琼ICP备 05000041号-1");
  assert.equal(f.psb, "琼公网安备 46020002000123号");
  assert.equal(f.sponsor, "三亚市人民政府办公室");
  assert.equal(f.contact, "0898-88888888");
  for (const p of "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕甘青宁新")
    assert.equal(readFooter(`${p}ICP备12345678号`).icp, `${p}ICP备12345678号`, p);
  assert.equal(readFooter("鄂ICP备19031037-2号").icp, "鄂ICP备19031037-2号");
  const cx = readFooter("网站标识码：6101000007 西安市人民政府办公厅主办 联系我们：029-12345");
  assert.equal(cx.sponsor, "西安市人民政府办公厅");
  assert.equal(cx.contact, "029-12345");
  const none = readFooter("版权所有 © 2022 本站");
  assert.deepEqual(Object.values(none), [null, null, null, null, null, null]);
});

test("guide elements: only before the footer, only on guide pages", () => {
  assert.deepEqual(
    guideElements("企业开办办事指南", "事项名称：企业开办 设定依据：… 申请条件：… 办理地点：…"),
    ["事项名称", "设定依据", "申请条件", "办理地点"],
  );
  assert.equal(guideElements("新闻", "联系电话：123"), null);
  const f = extractFacts(
    `<title>户籍办事指南</title><table><tr><th>事项名称</th><td>户籍迁移</td></tr><tr><th>办理地点</th><td>大厅</td></tr></table>
     <div class="footer">主办单位：某某 联系电话：0898-12345678 办理流程图</div>`,
  );
  assert.deepEqual(guideElements(f.title, f.text.slice(0, f.footerAt)), ["事项名称", "办理地点"]);
});

test("column types from meta or name", () => {
  assert.equal(typeFromName("工作动态"), "news");
  assert.equal(typeFromName("要闻"), "news");
  assert.equal(typeFromName("通知公告"), "notice");
  assert.equal(typeFromName("政策文件"), "policy");
  assert.equal(typeFromName("政策解读"), "interpretation");
  assert.equal(typeFromName("政府信息公开目录"), "catalogue");
  assert.equal(typeFromName("政务公开"), "disclosure");
  assert.equal(typeFromName("人事信息"), "personnel");
  assert.equal(typeFromName("财政预决算"), "finance");
  assert.equal(typeFromName("在线访谈"), "interview");
  assert.equal(typeFromName("news"), "news");
  assert.equal(classifyColumn("1024", "部门动态"), "news");
  assert.equal(classifyColumn(null, "建议提案办理"), "other");
});

test("term matcher: one scan, the longest overlapping term wins", () => {
  const m = new TermMatcher(["卫生和计划生育委员会", "国家卫生和计划生育委员会", "环保部"]);
  const hits = m.find("原国家卫生和计划生育委员会与环保部门");
  assert.deepEqual(
    hits.map((h) => [h.text, h.before, h.after.slice(0, 1)]),
    [
      ["国家卫生和计划生育委员会", "原", "与"],
      ["环保部", "原国家卫生和计划生育委员会与", "门"],
    ],
  );
  assert.deepEqual(new TermMatcher([]).find("任何文本"), []);
});
