import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { LinkArtifact, PageArtifact } from "../../src/artifacts/types.ts";
import { columnRequiredMissing, MIN_HOME_LINKS } from "../../src/checks/column-required-missing.ts";
import { columnStatsStale } from "../../src/checks/column-stats-stale.ts";
import { interpretationUnlinked } from "../../src/checks/interpretation-unlinked.ts";
import { reportAnnualMissing, requiredReportYear } from "../../src/checks/report-annual-missing.ts";
import { HOME, outcome, pageFrom, portal, siteOf } from "./support.ts";

// The rules of the four checks of issue 18 on crafted pages: deadlines and limits at their
// boundaries, what counts as a source or a link, and what is left alone.

const U = (p: string) => new URL(p, HOME).href;
const li = (rows: [string, string, string][]) =>
  `<ul>${rows.map(([h, t, d]) => `<li><a href="${h}">${t}</a><span>${d}</span></li>`).join("")}</ul>`;
/** Links every homepage has besides its menu: a homepage is judged from MIN_HOME_LINKS links on. */
const FILLER = ["网站地图", "联系我们", "English", "关于我们", "网站声明"]
  .map((t, i) => `<a href="/f${i}.html">${t}</a>`)
  .join(" ");
/** A homepage with a menu of these link texts (and enough links to be judged). */
const MENU = ["政务公开", "政务服务", "政民互动", "走进某县", "领导之窗", "机构职能", "政策文件", "政策解读"];
const homeWith = (main = "", menu = MENU) =>
  pageFrom(
    HOME,
    portal(`${main}${FILLER}`, {
      nav: menu.map((t, i) => `<li><a href="/m${i}/">${t}</a></li>`).join(""),
    }),
    0,
  );
const article = (title: string, date: string | null, body = "", meta = "") =>
  portal(`<h1>${title}</h1>${date ? `<p>发布时间：${date}</p>` : ""}${body}`, {
    title: `${title}_某县人民政府`,
    head: `<meta name="ArticleTitle" content="${title}">${meta}`,
  });
const columnPage = (name: string, rows: [string, string, string][]) =>
  portal(li(rows), { title: `${name}_某县人民政府`, head: `<meta name="ColumnName" content="${name}">` });

// ---- report.annual-missing ----

test("requiredReportYear: the previous year's report from 1 February on, the one before until then", () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date("2010-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
      (d) => {
        const asOf = d.toISOString().slice(0, 10);
        const y = d.getUTCFullYear();
        const early = d.getUTCMonth() === 0;
        assert.equal(requiredReportYear(asOf), early ? y - 2 : y - 1, asOf);
      },
    ),
  );
  assert.equal(requiredReportYear("2026-01-31"), 2024);
  assert.equal(requiredReportYear("2026-02-01"), 2025);
  assert.equal(requiredReportYear("2026-03-01"), 2025);
});

test("report.annual-missing: judged against as-of, a later report will do, a year after as-of is a misprint", () => {
  const site = (asOf: string, ...years: number[]) =>
    siteOf(
      [
        homeWith(
          `<div class="gk">${years.map((y) => `<a href="/ndbg/${y}.html">某县${y}年政府信息公开工作年度报告</a>`).join(" ")}</div>`,
        ),
      ],
      { asOf },
    );
  assert.equal(reportAnnualMissing.run(site("2026-01-31", 2024)).outcome, "pass");
  assert.equal(reportAnnualMissing.run(site("2026-02-01", 2025)).outcome, "pass");
  assert.equal(reportAnnualMissing.run(site("2026-02-01", 2026)).outcome, "pass");
  assert.deepEqual(reportAnnualMissing.run(site("2026-02-01", 2024, 2023)).findings, [
    { check: "report.annual-missing", page: HOME, year: 2025, latestFound: 2024 },
  ]);
  assert.deepEqual(reportAnnualMissing.run(site("2026-06-01", 2030)).findings, [
    { check: "report.annual-missing", page: HOME, year: 2025, latestFound: null },
  ]);
  const down = siteOf([], { home: outcome({ status: null, error: "timeout" }) });
  assert.equal(reportAnnualMissing.run(down).outcome, "not-applicable");
});

// ---- column.stats-stale ----

/** A site whose 办件统计 column's newest entry is `service`, and whose 信件统计 page is dated `message`. */
function statsSite(asOf: string, service: string | null, message: string | null, extra: PageArtifact[] = []) {
  const pages = [homeWith()];
  if (service)
    pages.push(
      pageFrom(
        U("/bjtj/"),
        columnPage("办件统计", [
          ["/bjtj/1.html", "9月份办件统计", service],
          ["/bjtj/2.html", "8月份办件统计", "2020-09-05"],
          ["/bjtj/3.html", "7月份办件统计", "2020-08-05"],
        ]),
        2,
      ),
    );
  if (message !== undefined)
    pages.push(
      pageFrom(
        U("/hd/xjtj.html"),
        portal(
          `<table><tr><td>来信</td><td>12</td></tr></table>${message ? `<p>统计时间：${message}</p>` : ""}`,
          {
            title: "信件统计_某县人民政府",
          },
        ),
        2,
      ),
    );
  return siteOf([...pages, ...extra], { asOf });
}

test("column.stats-stale: 3 calendar months for 办件, 2 for messages, at the boundary", () => {
  const asOf = "2026-11-01";
  assert.equal(columnStatsStale.run(statsSite(asOf, "2026-08-01", "2026-09-01")).outcome, "pass");
  assert.deepEqual(columnStatsStale.run(statsSite(asOf, "2026-07-31", "2026-08-31")).findings, [
    {
      check: "column.stats-stale",
      statsKind: "service",
      page: U("/bjtj/"),
      name: "办件统计",
      latest: "2026-07-31",
      ageDays: 93,
      limitMonths: 3,
    },
    {
      check: "column.stats-stale",
      statsKind: "message",
      page: U("/hd/xjtj.html"),
      name: "信件统计",
      latest: "2026-08-31",
      ageDays: 62,
      limitMonths: 2,
    },
  ]);
});

test("column.stats-stale: a kind is as fresh as its newest source; undated is not updated; none is not applicable", () => {
  const asOf = "2026-11-01";
  // An old column, but this month's figures are listed (dated) on the homepage.
  const fresh = statsSite(asOf, "2025-01-05", "2026-10-20");
  fresh.pages[0] = homeWith(li([["/xw/99.html", "2026年9月份政务服务事项办理情况统计", "2026-10-09"]]));
  assert.equal(columnStatsStale.run(fresh).outcome, "pass");
  // A page that only names its period: 2026年9月 ends on 30 September.
  const period = (asOf2: string) =>
    siteOf(
      [
        homeWith(),
        pageFrom(
          U("/tj/202609.html"),
          portal("<p>受理120件</p>", { title: "2026年9月份办件统计_某县人民政府" }),
          2,
        ),
      ],
      { asOf: asOf2 },
    );
  assert.equal(columnStatsStale.run(period("2026-12-30")).outcome, "pass");
  assert.deepEqual(
    columnStatsStale.run(period("2027-01-05")).findings.map((f) => [f.page, f.latest]),
    [[U("/tj/202609.html"), "2026-09-30"]],
  );
  // 无日期视为未更新.
  assert.deepEqual(columnStatsStale.run(statsSite(asOf, null, null)).findings, [
    {
      check: "column.stats-stale",
      statsKind: "message",
      page: U("/hd/xjtj.html"),
      name: "信件统计",
      latest: null,
      limitMonths: 2,
    },
  ]);
  assert.equal(columnStatsStale.run(siteOf([homeWith()], { asOf })).outcome, "not-applicable");
});

// ---- column.required-missing ----

test("column.required-missing: one finding per missing column, in the guideline's order, on the homepage", () => {
  const site = siteOf([homeWith("", ["政务公开", "政务服务", "政民互动", "走进某县", "首页", "English"])]);
  assert.deepEqual(
    columnRequiredMissing.run(site).findings.map((f) => [f.page, f.columnId, f.column]),
    [
      [HOME, "functions", "机构职能"],
      [HOME, "leaders", "负责人信息"],
      [HOME, "policy", "政策文件"],
      [HOME, "interpretation", "政策解读"],
    ],
  );
});

test("column.required-missing: the menus of the pages the homepage links count, deeper ones only by ColumnName", () => {
  const home = homeWith("", ["政务公开", "政务服务", "政民互动", "走进某县"]);
  const gk = pageFrom(
    U("/m0/"),
    portal("", { nav: `<li><a href="/ld/">领导信息</a></li><li><a href="/jg/">机构设置</a></li>` }),
    1,
  );
  const deep = pageFrom(U("/x/"), portal("", { nav: `<li><a href="/wj/">政府文件</a></li>` }), 2);
  const meta = pageFrom(
    U("/jd/1.html"),
    article("关于某某的解读", "2026-01-01", "", `<meta name="ColumnName" content="文件解读">`),
    3,
  );
  assert.deepEqual(
    columnRequiredMissing.run(siteOf([home, gk, deep, meta])).findings.map((f) => f.columnId),
    ["policy"],
  );
});

test("column.required-missing, report.annual-missing: a garbled homepage that names nothing is not judged", () => {
  const garbled = homeWith("", [
    "寮犳",
    "鏀垮姟",
    "鍏紑",
    "浜掑姩",
    "鏈嶅姟",
    "椤甸潰",
    "鐪佹斂搴",
    "瀵艰埅",
  ]);
  const site = siteOf([
    { ...garbled, charset: { ...(garbled.charset as NonNullable<PageArtifact["charset"]>), clean: false } },
  ]);
  assert.equal(columnRequiredMissing.run(site).outcome, "not-applicable");
  assert.equal(reportAnnualMissing.run(site).outcome, "not-applicable");
  // Decoded cleanly, the same homepage is judged: nothing named is everything missing.
  assert.equal(columnRequiredMissing.run(siteOf([garbled])).findings.length, 8);
  assert.equal(reportAnnualMissing.run(siteOf([garbled])).outcome, "fail");
});

test("column.required-missing: a homepage of fewer links than a menu is not judged", () => {
  const bare = pageFrom(
    HOME,
    `<html><head><title>某县</title></head><body><a href="/a/">进入主页</a><script src="/menu.js"></script></body></html>`,
    0,
  );
  assert.ok((bare.nav ?? []).length < MIN_HOME_LINKS);
  assert.equal(columnRequiredMissing.run(siteOf([bare])).outcome, "not-applicable");
});

// ---- interpretation.unlinked ----

const linksOf = (pages: PageArtifact[], extra: LinkArtifact[] = []): LinkArtifact[] => {
  const by = new Map<string, LinkArtifact>();
  for (const p of pages)
    for (const r of [...(p.related ?? []).map((x) => x.href), ...(p.items ?? []).map((i) => i.href)]) {
      const l = by.get(r) ?? {
        target: r,
        kind: "page",
        tags: ["a"],
        pages: [],
        status: 200,
        error: null,
        record: null,
      };
      if (!l.pages.includes(p.url)) l.pages.push(p.url);
      by.set(r, l);
    }
  return [...by.values(), ...extra];
};

test("interpretation.unlinked: only articles of policy and interpretation columns are judged", () => {
  const news = pageFrom(
    U("/xw/"),
    columnPage("工作动态", [
      ["/xw/1.html", "《某县促进消费若干措施》政策解读会召开", "2026-02-01"],
      ["/xw/2.html", "某县召开会议", "2026-01-31"],
      ["/xw/3.html", "某县召开会议二", "2026-01-30"],
    ]),
    1,
  );
  const a = pageFrom(U("/xw/1.html"), article("《某县促进消费若干措施》政策解读会召开", "2026-02-01"), 2);
  const pages = [homeWith(), news, a];
  assert.equal(
    interpretationUnlinked.run(siteOf(pages, { links: linksOf(pages) })).outcome,
    "not-applicable",
  );
});

test("interpretation.unlinked: the menu's 政策文件 is no link to a document; an attachment is; a policy without a known interpretation is left alone", () => {
  const menuNav = `<li><a href="/zcwj/">政策文件</a></li><li><a href="/zcjd/">政策解读</a></li>`;
  const art = (title: string, date: string, body: string) =>
    portal(`<h1>${title}</h1><p>发布时间：${date}</p>${body}`, {
      title: `${title}_某县人民政府`,
      nav: menuNav,
      head: `<meta name="ArticleTitle" content="${title}">`,
    });
  const zcwj = pageFrom(
    U("/zcwj/"),
    columnPage("政策文件", [
      ["/zcwj/1.html", "关于印发某县防汛抗旱应急预案的通知", "2026-01-20"],
      ["/zcwj/2.html", "某县人民政府关于调整最低工资标准的决定", "2026-01-10"],
      ["/zcwj/3.html", "某县住房公积金管理办法", "2026-01-05"],
    ]),
    1,
  );
  const zcjd = pageFrom(
    U("/zcjd/"),
    columnPage("政策解读", [
      ["/zcjd/1.html", "《某县住房公积金管理办法》解读", "2026-01-06"],
      ["/zcjd/2.html", "图解：某县最低工资标准调整", "2026-01-11"],
      ["/zcjd/3.html", "某县召开政策宣讲会", "2026-01-12"],
    ]),
    1,
  );
  const p1 = pageFrom(U("/zcwj/1.html"), art("关于印发某县防汛抗旱应急预案的通知", "2026-01-20", ""), 2);
  const p3 = pageFrom(U("/zcwj/3.html"), art("某县住房公积金管理办法", "2026-01-05", ""), 2);
  const i1 = pageFrom(
    U("/zcjd/1.html"),
    art("《某县住房公积金管理办法》解读", "2026-01-06", "<p>一、背景</p>"),
    2,
  );
  const i2 = pageFrom(
    U("/zcjd/2.html"),
    art(
      "图解：某县最低工资标准调整",
      "2026-01-11",
      `<a href="/files/gz.pdf"><img src="/img/gz.png" alt=""></a>`,
    ),
    2,
  );
  const i3 = pageFrom(U("/zcjd/3.html"), art("某县召开政策宣讲会", "2026-01-12", ""), 2);
  const pages = [homeWith(), zcwj, zcjd, p1, p3, i1, i2, i3];
  // Every page links the two columns through its menu; i2 links a PDF by an image.
  const menuLinks: LinkArtifact[] = ["/zcwj/", "/zcjd/"].map((t) => ({
    target: U(t),
    kind: "page",
    tags: ["a"],
    pages: pages.map((p) => p.url),
    status: 200,
    error: null,
    record: null,
  }));
  const pdf: LinkArtifact = {
    target: U("/files/gz.pdf"),
    kind: "attachment",
    tags: ["a"],
    pages: [i2.url],
    status: 200,
    error: null,
    record: null,
  };
  const r = interpretationUnlinked.run(siteOf(pages, { links: linksOf(pages, [...menuLinks, pdf]) }));
  assert.deepEqual(r.findings, [
    {
      check: "interpretation.unlinked",
      page: U("/zcwj/3.html"),
      kind: "policy",
      title: "某县住房公积金管理办法",
      interpretation: U("/zcjd/1.html"),
    },
    {
      check: "interpretation.unlinked",
      page: U("/zcjd/1.html"),
      kind: "interpretation",
      title: "《某县住房公积金管理办法》解读",
      document: U("/zcwj/3.html"),
    },
  ]);
});
