import assert from "node:assert/strict";
import { test } from "node:test";
import { completeSite } from "../../src/artifacts/site-steps.ts";
import type { PageArtifact, SiteArtifacts } from "../../src/artifacts/types.ts";
import { a11yNoElderMode } from "../../src/checks/a11y-no-elder-mode.ts";
import { columnEmpty } from "../../src/checks/column-empty.ts";
import { columnStale } from "../../src/checks/column-stale.ts";
import { contentUndated } from "../../src/checks/content-undated.ts";
import { footerConacMissing } from "../../src/checks/footer-conac-missing.ts";
import { footerContactMissing } from "../../src/checks/footer-contact-missing.ts";
import { footerIcpMissing } from "../../src/checks/footer-icp-missing.ts";
import { footerJiucuoMissing } from "../../src/checks/footer-jiucuo-missing.ts";
import { footerPsbMissing } from "../../src/checks/footer-psb-missing.ts";
import { footerSiteIdInvalid } from "../../src/checks/footer-site-id-invalid.ts";
import { footerSiteIdMissing } from "../../src/checks/footer-site-id-missing.ts";
import { footerSponsorMissing } from "../../src/checks/footer-sponsor-missing.ts";
import { homeStale } from "../../src/checks/home-stale.ts";
import { interactionMissing } from "../../src/checks/interaction-missing.ts";
import { interactionUnanswered } from "../../src/checks/interaction-unanswered.ts";
import { ipv6Missing } from "../../src/checks/ipv6-missing.ts";
import { metaArticleMissing } from "../../src/checks/meta-article-missing.ts";
import { metaColumnMissing } from "../../src/checks/meta-column-missing.ts";
import { metaSiteIdMismatch } from "../../src/checks/meta-site-id-mismatch.ts";
import { metaSiteMissing } from "../../src/checks/meta-site-missing.ts";
import { mobileNoViewport } from "../../src/checks/mobile-no-viewport.ts";
import { searchMissing } from "../../src/checks/search-missing.ts";
import { serviceGuideIncomplete } from "../../src/checks/service-guide-incomplete.ts";
import { serviceMissing } from "../../src/checks/service-missing.ts";
import { validSiteId } from "../../src/checks/site-id.ts";
import type { Check } from "../../src/checks/types.ts";
import { wordingFlagged } from "../../src/checks/wording-flagged.ts";
import { wordingOutdatedName } from "../../src/checks/wording-outdated-name.ts";
import { crawlConfigFor, defaultOptions, ProfileError, parseProfile } from "../../src/inspect/config.ts";
import { buildReport } from "../../src/inspect/report.ts";
import { HOME, pageFrom, portal, siteOf } from "./support.ts";

const U = (p: string) => new URL(p, HOME).href;
const list = (rows: [string, string][]) =>
  `<ul class="list">${rows.map(([h, d]) => `<li><a href="${h}">关于做好当前重点工作的通知${h}</a><span>${d}</span></li>`).join("")}</ul>`;
const columnPage = (name: string, rows: [string, string][], type = name) =>
  portal(list(rows), {
    head: `<meta name="ColumnName" content="${name}"><meta name="ColumnType" content="${type}">`,
  });
const run = (c: Check, s: SiteArtifacts) => c.run(s);
const outcomeOf = (c: Check, s: SiteArtifacts) => c.run(s).outcome;

function healthy(over: { home?: string; pages?: PageArtifact[] } = {}): SiteArtifacts {
  const home = pageFrom(HOME, over.home ?? portal(list([["/a/t20221219_1.html", "2022-12-19"]])), 0);
  return siteOf([home, ...(over.pages ?? [])]);
}

test("a healthy portal passes every national check that has something to go on", () => {
  const s = healthy({
    pages: [
      pageFrom(
        U("/col/news/"),
        columnPage("工作动态", [
          ["/a/1.html", "2022-12-18"],
          ["/a/2.html", "2022-12-10"],
          ["/a/3.html", "2022-12-01"],
        ]),
      ),
      pageFrom(
        U("/a/1.html"),
        portal(`<h1>标题</h1><div>发布时间：2022-12-18</div><p>生态环境部召开会议。</p>`, {
          head: `<meta name="ArticleTitle" content="标题"><meta name="PubDate" content="2022-12-18 10:00"><meta name="ContentSource" content="本网">`,
        }),
        2,
      ),
    ],
  });
  const r = buildReport(s, "a", "b");
  for (const id of [
    "home.stale",
    "column.stale",
    "column.empty",
    "content.undated",
    "footer.site-id.missing",
    "footer.site-id.invalid",
    "meta.site-id.mismatch",
    "footer.icp.missing",
    "footer.psb.missing",
    "footer.conac.missing",
    "footer.jiucuo.missing",
    "footer.sponsor.missing",
    "footer.contact.missing",
    "meta.site.missing",
    "meta.column.missing",
    "meta.article.missing",
    "search.missing",
    "mobile.no-viewport",
    "a11y.no-elder-mode",
    "wording.outdated-name",
    "interaction.missing",
    "service.missing",
  ])
    assert.equal(r.checks[id]?.outcome, "pass", id);
  assert.equal(r.facts["footer.siteIdCode"], "4600000001");
  assert.equal(r.facts["meta.siteIdCode"], "4600000001");
  assert.equal(r.facts["footer.icp"], "琼ICP备05000041号-1");
  assert.equal(r.facts["footer.psb"], "琼公网安备 46010802000004号");
  assert.equal(r.facts["footer.sponsor"], "海南省人民政府办公厅");
  assert.equal(r.facts["home.latestDate"], "2022-12-19");
});

test("home.stale: 14 days, the navigation-only rule, and no dates at all is a warning", () => {
  assert.equal(outcomeOf(homeStale, healthy()), "pass");
  const old = healthy({ home: portal(list([["/a/1.html", "2022-12-05"]])) });
  assert.deepEqual(run(homeStale, old).findings, [
    { check: "home.stale", page: HOME, latest: "2022-12-05", ageDays: 15, limitDays: 14 },
  ]);
  assert.equal(outcomeOf(homeStale, healthy({ home: portal(list([["/a/1.html", "2022-12-06"]])) })), "pass");
  // A navigation-only homepage: its second-level pages stand for it.
  const nav = healthy({
    home: portal("<p>欢迎</p>"),
    pages: [pageFrom(U("/col/news/"), columnPage("工作动态", [["/a/1.html", "2022-12-01"]]))],
  });
  const f = run(homeStale, nav).findings[0];
  assert.equal(f?.latest, "2022-12-01");
  assert.equal(f?.navigationOnly, true);
  assert.equal(outcomeOf(homeStale, healthy({ home: portal("<p>欢迎</p>") })), "warn");
  // As-of, not the wall clock.
  assert.equal(outcomeOf(homeStale, { ...old, asOf: "2022-12-10" }), "pass");
});

test("column.stale: per-type limits, paginated lists counted once, profile limits", () => {
  const pages = [
    pageFrom(
      U("/col/news/index.html"),
      columnPage("工作动态", [
        ["/n/1.html", "2022-12-01"],
        ["/n/2.html", "2022-11-20"],
        ["/n/3.html", "2022-11-10"],
      ]),
    ),
    pageFrom(
      U("/col/news/index_1.html"),
      columnPage("工作动态", [
        ["/n/4.html", "2022-10-01"],
        ["/n/5.html", "2022-09-20"],
        ["/n/6.html", "2022-09-10"],
      ]),
    ),
    pageFrom(
      U("/col/tz/index.html"),
      columnPage("通知公告", [
        ["/t/1.html", "2022-07-01"],
        ["/t/2.html", "2022-06-01"],
        ["/t/3.html", "2022-05-01"],
      ]),
    ),
    pageFrom(
      U("/col/zc/index.html"),
      columnPage("政策文件", [
        ["/z/1.html", "2022-06-01"],
        ["/z/2.html", "2022-05-01"],
        ["/z/3.html", "2022-04-01"],
      ]),
    ),
    pageFrom(
      U("/col/rs/index.html"),
      columnPage("人事信息", [
        ["/r/1.html", "2022-01-01"],
        ["/r/2.html", "2021-12-01"],
        ["/r/3.html", "2021-11-01"],
      ]),
    ),
  ];
  const s = healthy({ pages });
  const found = run(columnStale, s).findings.map((f) => [
    f.page,
    f.column,
    f.columnType,
    f.latest,
    f.ageDays,
    f.limitDays,
  ]);
  assert.deepEqual(found, [
    [U("/col/news/index.html"), "工作动态", "news", "2022-12-01", 19, 14],
    [U("/col/zc/index.html"), "政策文件", "policy", "2022-06-01", 202, 183],
  ]);
  // The profile moves limits, by type or per column, and names the type of an odd column.
  const p = healthy({ pages });
  p.profile = { staleDays: { news: 30 }, columns: [{ url: "/col/rs/", type: "personnel", limitDays: 300 }] };
  assert.deepEqual(
    run(columnStale, p).findings.map((f) => f.column),
    ["人事信息", "政策文件"],
  );
  assert.equal(outcomeOf(columnStale, healthy()), "not-applicable");
});

test("column detection without meta: a list of dated links is a column, an article with a related list is not", () => {
  const bare = portal(
    list([
      ["/x/1.html", "2022-10-01"],
      ["/x/2.html", "2022-09-01"],
      ["/x/3.html", "2022-08-01"],
    ]),
    {
      title: "部门动态_海南省人民政府",
    },
  );
  const article = portal(
    `<h1>某某新闻</h1><div>发布时间：2022-12-19</div>${list([
      ["/y/1.html", "2020-01-01"],
      ["/y/2.html", "2020-01-02"],
      ["/y/3.html", "2020-01-03"],
    ])}`,
  );
  const s = healthy({ pages: [pageFrom(U("/bmdt/"), bare), pageFrom(U("/y/9.html"), article, 2)] });
  const f = run(columnStale, s).findings;
  assert.equal(f.length, 1);
  assert.equal(f[0]?.column, "部门动态");
  assert.equal(f[0]?.columnType, "news");
  assert.deepEqual(
    run(metaColumnMissing, s).findings.map((x) => x.missing),
    [["ColumnName", "ColumnType"]],
  );
});

test("search results are no column, however many dated entries they list", () => {
  const rows: [string, string][] = [
    ["/x/1.html", "2020-01-01"],
    ["/x/2.html", "2019-01-01"],
    ["/x/3.html", "2018-01-01"],
  ];
  const s = healthy({
    pages: [pageFrom(U("/search?q=%E6%94%BF%E5%8A%A1"), portal(list(rows), { title: "搜索结果" }))],
  });
  assert.equal(outcomeOf(columnStale, s), "not-applicable");
});

test("column.empty: 暂无信息, or a declared list column with nothing listed; a 机构职能 page is not empty", () => {
  const s = healthy({
    pages: [
      pageFrom(
        U("/col/tz/"),
        portal("<div>暂无信息</div>", { head: `<meta name="ColumnName" content="通知公告">` }),
      ),
      pageFrom(
        U("/col/zc/"),
        portal("<div></div>", {
          head: `<meta name="ColumnName" content="政策文件"><meta name="ColumnType" content="政策文件">`,
        }),
      ),
      pageFrom(
        U("/col/jg/"),
        portal("<p>负责全省……工作。</p>", { head: `<meta name="ColumnName" content="机构职能">` }),
      ),
    ],
  });
  assert.deepEqual(
    run(columnEmpty, s).findings.map((f) => [f.page, f.column]),
    [
      [U("/col/tz/"), "通知公告"],
      [U("/col/zc/"), "政策文件"],
    ],
  );
});

test("content.undated and meta.article.missing on article pages", () => {
  const s = healthy({
    pages: [
      pageFrom(U("/a/t20221219_1.html"), portal("<h1>没有日期的文章</h1><p>正文。</p>"), 1),
      pageFrom(
        U("/a/2.html"),
        portal(`<h1>文章</h1><div>发布日期：2022年12月1日</div>`, {
          head: `<meta name="ArticleTitle" content="文章">`,
        }),
        1,
      ),
    ],
  });
  assert.deepEqual(
    run(contentUndated, s).findings.map((f) => f.page),
    [U("/a/t20221219_1.html")],
  );
  assert.deepEqual(
    run(metaArticleMissing, s).findings.map((f) => [f.page, f.missing]),
    [
      [U("/a/t20221219_1.html"), ["ArticleTitle", "PubDate", "ContentSource"]],
      [U("/a/2.html"), ["PubDate", "ContentSource"]],
    ],
  );
});

test("footer checks: each item missing on its own", () => {
  const all = portal(list([["/a/1.html", "2022-12-19"]]));
  const without = (re: RegExp) => healthy({ home: all.replace(re, "") });
  assert.equal(outcomeOf(footerSiteIdMissing, without(/网站标识码：4600000001/)), "fail");
  assert.equal(outcomeOf(footerSiteIdInvalid, without(/网站标识码：4600000001/)), "not-applicable");
  assert.equal(outcomeOf(footerIcpMissing, without(/琼ICP备05000041号-1/)), "fail");
  assert.equal(outcomeOf(footerPsbMissing, without(/琼公网安备 46010802000004号/)), "fail");
  assert.equal(outcomeOf(footerSponsorMissing, without(/主办单位：海南省人民政府办公厅/)), "fail");
  assert.equal(outcomeOf(footerContactMissing, without(/联系电话：0898-65203000/)), "fail");
  assert.equal(outcomeOf(footerConacMissing, without(/<a href="https:\/\/bszs[\s\S]*?<\/a>/)), "fail");
  assert.equal(outcomeOf(footerJiucuoMissing, without(/<a href="https:\/\/zfwzgl[\s\S]*?<\/a>/)), "fail");
  for (const c of [
    footerSiteIdMissing,
    footerIcpMissing,
    footerPsbMissing,
    footerSponsorMissing,
    footerContactMissing,
    footerConacMissing,
    footerJiucuoMissing,
  ])
    assert.equal(outcomeOf(c, healthy()), "pass", c.id);
});

test("footer.site-id.invalid and meta.site-id.mismatch", () => {
  assert.ok(validSiteId("4600000001"));
  assert.ok(validSiteId("bm07000001"));
  assert.ok(!validSiteId("9900000001"));
  assert.ok(!validSiteId("460000001"));
  assert.ok(!validSiteId("bm0700001"));
  const bad = healthy({
    home: portal(list([["/a/1.html", "2022-12-19"]])).replace(
      "网站标识码：4600000001",
      "网站标识码：9900000001",
    ),
  });
  assert.deepEqual(run(footerSiteIdInvalid, bad).findings, [
    { check: "footer.site-id.invalid", page: HOME, value: "9900000001" },
  ]);
  assert.deepEqual(run(metaSiteIdMismatch, bad).findings, [
    { check: "meta.site-id.mismatch", page: HOME, meta: "4600000001", footer: "9900000001" },
  ]);
});

test("meta.site.missing, search, viewport, elder mode", () => {
  const h = portal(list([["/a/1.html", "2022-12-19"]]));
  const s = healthy({
    home: h
      .replace(/<meta name="SiteDomain"[^>]*>/, "")
      .replace(/<meta name="viewport"[^>]*>/, "")
      .replace(/<form.*?<\/form>/, "")
      .replace(/<a href="javascript:;" id="wza">无障碍<\/a>/, ""),
  });
  assert.deepEqual(run(metaSiteMissing, s).findings[0]?.missing, ["SiteDomain"]);
  assert.equal(outcomeOf(searchMissing, s), "fail");
  assert.equal(outcomeOf(mobileNoViewport, s), "fail");
  assert.equal(outcomeOf(a11yNoElderMode, s), "fail");
  const fixed = healthy({ home: h.replace("width=device-width, initial-scale=1", "width=1200") });
  assert.deepEqual(run(mobileNoViewport, fixed).findings[0]?.value, "width=1200");
});

test("ipv6.missing: not applicable unless the engine looked; resolver injected", async () => {
  assert.equal(outcomeOf(ipv6Missing, healthy()), "not-applicable");
  const s = healthy();
  await completeSite(s, {}, async () => ["2001:db8::1"]);
  assert.equal(outcomeOf(ipv6Missing, s), "pass");
  await completeSite(s, {}, async () => {
    throw Object.assign(new Error("x"), { code: "ENODATA" });
  });
  assert.equal(outcomeOf(ipv6Missing, s), "fail");
  await completeSite(s, {}, async () => {
    throw Object.assign(new Error("x"), { code: "ETIMEOUT" });
  });
  assert.equal(outcomeOf(ipv6Missing, s), "warn");
});

test("interaction.unanswered: the year before as-of, more than 90 days, each message once", () => {
  const board = `<table><tr><th>标题</th><th>留言时间</th><th>答复时间</th></tr>
    <tr><td><a href="/hd/1.html">一</a></td><td>2022-08-01</td><td>未回复</td></tr>
    <tr><td><a href="/hd/2.html">二</a></td><td>2022-10-01</td><td>未回复</td></tr>
    <tr><td><a href="/hd/3.html">三</a></td><td>2022-02-01</td><td>2022-06-01</td></tr>
    <tr><td><a href="/hd/4.html">四</a></td><td>2022-02-01</td><td>2022-03-01</td></tr>
    <tr><td><a href="/hd/5.html">五</a></td><td>2021-06-01</td><td>未回复</td></tr></table>`;
  const detail = `<p>留言时间：2022-08-01</p><p>办理状态：未回复</p>`;
  const s = healthy({
    pages: [
      pageFrom(U("/hd/"), portal(board, { title: "领导信箱" })),
      pageFrom(U("/hd/1.html"), portal(detail), 2),
    ],
  });
  assert.deepEqual(
    run(interactionUnanswered, s).findings.map((f) => [f.page, f.asked, f.answered]),
    [
      [U("/hd/1.html"), "2022-08-01", null],
      [U("/hd/3.html"), "2022-02-01", "2022-06-01"],
    ],
  );
  // 信访 and 访谈 boards are left out by the rule.
  const xf = healthy({ pages: [pageFrom(U("/xf/"), portal(board, { title: "网上信访" }))] });
  assert.equal(outcomeOf(interactionUnanswered, xf), "not-applicable");
  assert.equal(outcomeOf(interactionMissing, healthy()), "pass");
  assert.equal(
    outcomeOf(
      interactionMissing,
      healthy({ home: portal("", { nav: '<li><a href="/x/">政务公开</a></li>' }) }),
    ),
    "fail",
  );
});

test("service.missing and service.guide-incomplete", () => {
  const guide = (rows: string[]) =>
    portal(
      `<h1>企业开办办事指南</h1><table>${rows.map((r) => `<tr><th>${r}</th><td>…</td></tr>`).join("")}</table>`,
      {
        title: "企业开办办事指南",
      },
    );
  const s = healthy({
    pages: [
      pageFrom(
        U("/bs/1.html"),
        guide([
          "事项名称",
          "设定依据",
          "申请条件",
          "办理材料",
          "办理地点",
          "办理时间",
          "联系电话",
          "办理流程",
        ]),
        2,
      ),
      pageFrom(U("/bs/2.html"), guide(["事项名称", "申请条件", "办理材料", "办理时间"]), 2),
    ],
  });
  assert.deepEqual(
    run(serviceGuideIncomplete, s).findings.map((f) => [f.page, f.missing]),
    [[U("/bs/2.html"), ["设定依据", "办理地点", "联系电话", "办理流程"]]],
  );
  assert.equal(outcomeOf(serviceMissing, s), "pass");
  assert.equal(
    outcomeOf(serviceMissing, healthy({ home: portal("", { nav: '<li><a href="/x/">政务公开</a></li>' }) })),
    "fail",
  );
});

test("wording.outdated-name: suggests the current name, spares history", () => {
  let n = 0;
  const art = (body: string, date = "2022-12-01") =>
    pageFrom(U(`/a/${++n}.html`), portal(`<h1>文章</h1><div>发布时间：${date}</div><p>${body}</p>`), 2);
  const s = healthy({
    pages: [
      art("请按国家工商行政管理总局的要求办理。"),
      art("原国家工商总局、原国家质检总局已撤销。"),
      art("国家卫生和计划生育委员会（现国家卫生健康委员会）发布。"),
      art("2016年，环境保护部印发了办法。"),
      art("各级环保部门和农业部署的工作。"),
      art("国土资源部发布通知。", "2017-05-01"),
      art("市卫生和计划生育委员会召开会议。"),
      art("中国银行保险监督管理委员会行政处罚决定书（银保监罚决字〔2022〕1号）", "2024-01-02"),
      art("中国银行保险监督管理委员会与国家金融监督管理总局的关系", "2024-01-03"),
      art("相关链接：中国银行保险监督管理委员会 中国证券监督管理委员会", "2024-01-04"),
    ],
  });
  assert.deepEqual(
    run(wordingOutdatedName, s).findings.map((f) => [f.text, f.suggest]),
    [
      ["国家工商行政管理总局", "国家市场监督管理总局"],
      ["卫生和计划生育委员会", "卫生健康委员会"],
      ["中国银行保险监督管理委员会", "国家金融监督管理总局"],
    ],
  );
});

test("wording.flagged: only with a dictionary, matched at read time with Aho–Corasick", () => {
  const cfg = { checks: { wording: { flagged: ["习近平总书记记", "中华人明共和国"] } } };
  const page = pageFrom(U("/a/1.html"), portal("<p>中华人明共和国成立以来……</p>"), 1, cfg);
  const s = healthy({ pages: [page] });
  assert.equal(outcomeOf(wordingFlagged, s), "not-applicable");
  s.profile = cfg.checks;
  assert.deepEqual(
    run(wordingFlagged, s).findings.map((f) => [f.page, f.text]),
    [[U("/a/1.html"), "中华人明共和国"]],
  );
});

test("profiles: check keys validated, carried by the crawl configuration, selectors read lists", async () => {
  const p = parseProfile(`
defaults:
  staleDays: { news: 7 }
  wording: { flagged: [错词一] }
sites:
  www.example.gov.cn:
    maxPages: 50
    columns: [{ url: /col/ywdt/, type: news, name: 要闻动态 }]
    selectors: [{ url: /col/, items: "div.row", link: "a.t", date: "i" }]
    skip: [/english/]
    wording: { flagged: [错词二] }
`);
  const cfg = crawlConfigFor(HOME, defaultOptions().crawl, p);
  assert.equal(cfg.maxPages, 50);
  const s = healthy();
  await completeSite(s, cfg);
  assert.deepEqual(s.profile?.wording?.flagged, ["错词一", "错词二"]);
  assert.deepEqual(s.profile?.staleDays, { news: 7 });
  assert.throws(
    () => parseProfile("sites: { a: { columns: [{ url: /x/, type: nonsense }] } }"),
    ProfileError,
  );
  const html = portal(`<div class="row"><a class="t" href="/x/1.html">一条</a><i>2022-12-01</i></div>
    <div class="row"><a class="t" href="/x/2.html">二条</a><i>11-30</i></div>`);
  const page = pageFrom(U("/col/ywdt/"), html, 1, cfg);
  assert.equal(page.selectorItems, true);
  assert.deepEqual(
    page.items?.map((i) => [i.href, i.date]),
    [
      [U("/x/1.html"), "2022-12-01"],
      [U("/x/2.html"), "--11-30"],
    ],
  );
  const site = siteOf([
    pageFrom(HOME, portal(""), 0),
    page,
    pageFrom(U("/english/col/"), columnPage("News", [["/e/1.html", "2020-01-01"]])),
  ]);
  await completeSite(site, cfg);
  assert.deepEqual(
    run(columnStale, site).findings.map((f) => [f.column, f.columnType, f.limitDays]),
    [["要闻动态", "news", 7]],
  );
});

test("column.stale: a column with entries and no date is not updated (19号), unless no column shows a date", () => {
  const dated = pageFrom(
    U("/col/news/index.html"),
    columnPage("工作动态", [
      ["/n/1.html", "2022-12-19"],
      ["/n/2.html", "2022-12-18"],
      ["/n/3.html", "2022-12-17"],
    ]),
  );
  // A declared 政策文件 column listing documents without any date.
  const undated = pageFrom(
    U("/col/zc/index.html"),
    columnPage("政策文件", [
      ["/z/1.html", ""],
      ["/z/2.html", ""],
    ]),
  );
  const both = run(columnStale, healthy({ pages: [dated, undated] }));
  assert.deepEqual(
    both.findings.map((f) => [f.page, f.columnType, f.latest, f.undated]),
    [[U("/col/zc/index.html"), "policy", null, true]],
  );
  // Nothing dated in any column: the dates may be drawn by scripts, a warning only.
  const alone = run(columnStale, healthy({ pages: [undated] }));
  assert.equal(alone.outcome, "warn");
  assert.deepEqual(alone.findings, []);
});
