import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { PageArtifact, SiteArtifacts } from "../../src/artifacts/types.ts";
import { columnEmpty } from "../../src/checks/column-empty.ts";
import { columnStale } from "../../src/checks/column-stale.ts";
import { siteContent } from "../../src/checks/content.ts";
import { contentUndated } from "../../src/checks/content-undated.ts";
import { metaArticleMissing } from "../../src/checks/meta-article-missing.ts";
import { listKey } from "../../src/checks/page-kinds.ts";
import { HOME, pageFrom, portal, siteOf } from "./support.ts";

// Misreadings real sites showed (issue 18): static pages of ASP sites taken for undated articles,
// a column's later pages taken for columns of their own.

const U = (p: string) => new URL(p, HOME).href;
const list = (rows: [string, string][]) =>
  `<ul class="list">${rows.map(([h, d]) => `<li><a href="${h}">关于做好当前重点工作的通知${h}</a><span>${d}</span></li>`).join("")}</ul>`;
const day = (offset: number) =>
  new Date(Date.UTC(2022, 11, 20) - offset * 86_400_000).toISOString().slice(0, 10);

/** How CMSs number a list's pages: the first page as menus link it, and page n ≥ 2. */
const PAGINATIONS: { first: string; nth: (n: number) => string }[] = [
  { first: "/xwdt/", nth: (n) => `/xwdt/index_${n - 1}.html` },
  { first: "/xwdt/index.html", nth: (n) => `/xwdt/index_${n - 1}.html` },
  { first: "/xwdt/", nth: (n) => `/xwdt/index_${n}.htm` },
  { first: "/xwdt/index.shtml", nth: (n) => `/xwdt/index_${n}.shtml` },
  { first: "/xwdt/list.html", nth: (n) => `/xwdt/list_${n}.html` },
  { first: "/news/list.asp?id=5", nth: (n) => `/news/list.asp?id=5&page=${n}` },
  { first: "/news/List.asp?id=5", nth: (n) => `/news/List.asp?page=${n}&id=5` },
  { first: "/col/col123/index.html?uid=4521", nth: (n) => `/col/col123/index.html?uid=4521&pageNum=${n}` },
  { first: "/xwdt/", nth: (n) => `/xwdt/?page=${n}` },
  { first: "/channel.jsp?cat=2", nth: (n) => `/channel.jsp?cat=2&pageNo=${n}` },
];

test("listKey: a list's later pages share its first page's key, whatever the CMS's numbering", () => {
  fc.assert(
    fc.property(fc.constantFrom(...PAGINATIONS), fc.integer({ min: 2, max: 300 }), (pg, n) => {
      assert.equal(listKey(U(pg.nth(n))), listKey(U(pg.first)), pg.nth(n));
    }),
  );
  // Different lists and an article's own query stay apart.
  assert.notEqual(listKey(U("/xwdt/")), listKey(U("/tzgg/")));
  assert.notEqual(listKey(U("/news/list.asp?id=5")), listKey(U("/news/list.asp?id=6")));
  assert.notEqual(listKey(U("/?p=123")), listKey(HOME));
  assert.notEqual(listKey(U("/index.php?page=about")), listKey(HOME));
});

/** A homepage whose menu links the column's first page, and the column's pages. */
function paginatedSite(pg: (typeof PAGINATIONS)[number], pages: number, ages: number[][]): SiteArtifacts {
  const home = pageFrom(
    HOME,
    portal(list([["/a/t20221219_1.html", "2022-12-19"]]), {
      nav: `<li><a href="${pg.first}">工作动态</a></li><li><a href="/hd/">政民互动</a></li>`,
    }),
    0,
  );
  const ps: PageArtifact[] = [];
  for (let n = 1; n <= pages; n++) {
    const rows = (ages[n - 1] ?? []).map((age, i): [string, string] => [`/a/${n}-${i}.html`, day(age)]);
    ps.push(
      pageFrom(U(n === 1 ? pg.first : pg.nth(n)), portal(list(rows), { title: "工作动态" }), n === 1 ? 1 : 2),
    );
  }
  return siteOf([home, ...ps]);
}

test("a column's later pages are its pages, not columns of their own (no stale or empty findings for them)", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...PAGINATIONS),
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 3, max: 20 }),
      (pg, pages, perPage) => {
        // Newest first: page 1 is fresh (days 1…), the later pages go back in time, the last
        // may hold fewer entries than a full page.
        const ages = Array.from({ length: pages }, (_, p) =>
          Array.from(
            { length: p === pages - 1 ? Math.max(1, perPage - 1) : perPage },
            (_, i) => 1 + p * perPage * 10 + i * 10,
          ),
        );
        const site = paginatedSite(pg, pages, ages);
        const c = siteContent(site);
        assert.equal(c.columns.length, 1, c.columns.map((x) => x.page).join(", "));
        assert.equal(c.columns[0]?.page, U(pg.first));
        assert.equal(c.columns[0]?.name, "工作动态");
        assert.equal(columnStale.run(site).outcome, "pass");
        assert.notEqual(columnEmpty.run(site).outcome, "fail");
        assert.equal(c.articles.length, 0, c.articles.map((a) => a.url).join(", "));
      },
    ),
    { numRuns: 150 },
  );
});

test("a stale column is reported once, under its first page", () => {
  const pg = PAGINATIONS[0] as (typeof PAGINATIONS)[number];
  const site = paginatedSite(pg, 3, [
    [30, 31, 32],
    [40, 41, 42],
    [50, 51, 52],
  ]);
  assert.deepEqual(
    columnStale.run(site).findings.map((f) => [f.page, f.latest]),
    [[U("/xwdt/"), day(30)]],
  );
});

test("the homepage's own later pages are no column", () => {
  const home = pageFrom(HOME, portal(list([["/a/t20221219_1.html", "2022-12-19"]])), 0);
  const old = pageFrom(
    U("/index_1.html"),
    portal(
      list([
        ["/a/1.html", "2020-01-03"],
        ["/a/2.html", "2020-01-02"],
        ["/a/3.html", "2020-01-01"],
      ]),
    ),
    1,
  );
  const site = siteOf([home, old]);
  assert.equal(siteContent(site).columns.length, 0);
  assert.notEqual(columnStale.run(site).outcome, "fail");
});

/** An ASP site: static texts at `About.asp?id=1` and `Show.asp?id=3`, a list, dated and undated articles. */
function aspSite(): SiteArtifacts {
  const nav = [
    ["/About.asp?id=1", "概况"],
    ["/Show.asp?id=3", "机构职能"],
    ["/Show.asp?id=4", "领导"],
    ["/List.asp?id=2", "工作动态"],
  ]
    .map(([h, t]) => `<li><a href="${h}">${t}</a></li>`)
    .join("");
  const home = pageFrom(
    HOME,
    portal(list([["/show.asp?id=123", "2022-12-18"]]), { nav, title: "某某县人民政府" }),
    0,
  );
  // ASP templates give every page the site's title; the heading names the text.
  const text = (h: string, body: string) =>
    portal(`<h2>${h}</h2><p>${body.repeat(20)}</p>`, { title: "某某县人民政府" });
  const pages = [
    pageFrom(U("/About.asp?id=1"), text("概况", "某某县位于某某省东部，总面积一千平方公里。"), 1),
    pageFrom(U("/Show.asp?id=3"), text("机构职能", "贯彻执行国家和省、市有关方针政策。"), 1),
    pageFrom(U("/Show.asp?id=4"), text("领导", "县长：张三，主持县政府全面工作。"), 1),
    // Reached from elsewhere than the menu, named by their title only or by their path.
    pageFrom(
      U("/Show.asp?id=5"),
      portal("<p>贯彻执行国家有关方针政策。</p>", { title: "机构职能-某某县人民政府" }),
      2,
    ),
    pageFrom(U("/about/jianjie.asp?id=7"), portal("<p>某某县历史悠久。</p>", { title: "某某县人民政府" }), 2),
    pageFrom(
      U("/List.asp?id=2"),
      portal(
        list([
          ["/show.asp?id=123", "2022-12-18"],
          ["/show.asp?id=124", "2022-12-10"],
          ["/show.asp?id=125", "2022-12-01"],
        ]),
        { title: "工作动态" },
      ),
      1,
    ),
    // A real article: dated, though without article meta tags.
    pageFrom(
      U("/show.asp?id=123"),
      portal("<h1>县长调研工业企业</h1><div>发布时间：2022-12-18</div><p>正文。</p>"),
      2,
    ),
    // Listed with a date, shows none itself: an undated article still.
    pageFrom(U("/show.asp?id=124"), portal("<h1>县政府召开常务会议</h1><p>正文。</p>"), 2),
    // Nothing says what it is but its URL: an undated article, as before.
    pageFrom(
      U("/show.asp?id=126"),
      portal("<h1>全县秋粮收购进展顺利</h1><p>正文。</p>", { title: "全县秋粮收购进展顺利" }),
      2,
    ),
  ];
  return siteOf([home, ...pages]);
}

test("static pages of ASP sites (概况, 机构职能, 领导 at About.asp?id=1, Show.asp?id=3) are no undated articles", () => {
  const site = aspSite();
  const c = siteContent(site);
  assert.deepEqual(c.articles.map((p) => p.url).sort(), [
    U("/show.asp?id=123"),
    U("/show.asp?id=124"),
    U("/show.asp?id=126"),
  ]);
  assert.deepEqual(
    contentUndated.run(site).findings.map((f) => f.page),
    [U("/show.asp?id=124"), U("/show.asp?id=126")],
  );
  assert.deepEqual(
    metaArticleMissing
      .run(site)
      .findings.map((f) => f.page)
      .sort(),
    [U("/show.asp?id=123"), U("/show.asp?id=124"), U("/show.asp?id=126")],
  );
  // `List.asp?id=2` is the column, not an article: its `?id=` is every ASP page's.
  assert.deepEqual(
    c.columns.map((x) => [x.page, x.name]),
    [[U("/List.asp?id=2"), "工作动态"]],
  );
});

test("a static page that shows a date or article meta is an article after all", () => {
  const site = aspSite();
  const dated = pageFrom(
    U("/Show.asp?id=8"),
    portal("<h2>领导</h2><div>发布时间：2022-11-01</div><p>县长：张三。</p>", {
      title: "领导-某某县人民政府",
    }),
    2,
  );
  const meta = pageFrom(
    U("/About.asp?id=9"),
    portal("<p>某某县概况。</p>", {
      title: "概况",
      head: '<meta name="ArticleTitle" content="概况"><meta name="ContentSource" content="本网">',
    }),
    2,
  );
  const s = siteOf([...site.pages, dated, meta]);
  const urls = siteContent(s).articles.map((p) => p.url);
  assert.ok(urls.includes(U("/Show.asp?id=8")));
  assert.ok(urls.includes(U("/About.asp?id=9")));
  // The meta-only one shows no date: it is undated.
  assert.ok(contentUndated.run(s).findings.some((f) => f.page === U("/About.asp?id=9")));
});
