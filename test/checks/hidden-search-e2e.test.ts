import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { createServer as createNet } from "node:net";
import { after, before, test } from "node:test";
import iconv from "iconv-lite";
import { fixtureResolver } from "../../fixtures/server.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions } from "../crawl/helpers.ts";

// integrity.hidden-link and search.broken through the real engine: sites served on 127.0.0.1,
// told apart by their host name. Each reports exactly what was planted in it.
const AS_OF = "2026-11-30";
const FOOT = "<p>主办单位：某县人民政府办公室 网站标识码：4600000001</p>";
const page = (title: string, body: string, head = "", charset = "utf-8") =>
  `<!DOCTYPE html><html><head><meta charset="${charset}"><title>${title}</title>${head}</head><body>${body}${FOOT}</body></html>`;

const NEWEST = "关于开展2026年度秋季植树造林活动的通知";
const article = (title: string, date: string, charset = "utf-8") =>
  page(`${title}_某县人民政府`, `<h1>${title}</h1><p>发布时间：${date}</p><p>正文。</p>`, "", charset);

const HIDDEN_HOME = page(
  "某县人民政府",
  `<ul><li><a href="/a.html">工作动态</a></li><li><a href="/b.html">通知公告</a></li></ul>
<div style="display:none"><a href="http://www.amxpj-casino.com/">澳门新葡京</a></div>
<p class="bet"><a href="https://bet.example-casino.net/">体育投注</a></p>
<div id="foot"><div class="links"><span><a href="http://www.lottery-fixture.com/">彩票</a></span></div></div>
<div style="background:#fff"><a href="http://www.poker-fixture.com/" style="color:#FFF">扑克</a></div>
<a href="http://www.slots-fixture.com/" style="display:block;text-indent:-9999px">老虎机</a>
<span hidden><a href="http://hidden-attr-casino.com/">百家乐</a></span>
<div class="z"><a href="http://zero.casino-fixture.org/">真人</a></div>
<div style="display:none"><a href="http://www.gov.cn/">中国政府网</a><a href="/b.html">通知公告</a></div>
<a href="http://www.people.com.cn/">人民网</a>`,
  `<style>.bet{position:absolute;left:-9999px;top:-9999px} #foot .links{visibility:hidden}
.z{width:0;height:0;overflow:hidden}</style>`,
);

const CLEAN_HOME = page(
  "某县人民政府",
  `<ul class="nav"><li><a href="/a.html">工作动态</a><ul class="sub"><li><a href="/b.html">通知公告</a></li>
<li><a href="http://www.example-media.com/">合作媒体</a></li></ul></li></ul>
<ul style="display:none"><li><a href="/a.html">工作动态</a></li><li><a href="https://www.gov.cn/">中国政府网</a></li></ul>
<div class="mobile-only"><a href="http://m.example-app.com/">下载客户端</a></div>
<a class="logo" href="http://www.partner-logo.com/">合作单位</a>
<a href="http://www.people.com.cn/" style="color:#333">人民网</a>`,
  `<style>.sub{display:none} .nav li:hover .sub{display:block}
.mobile-only{display:none} @media (max-width:768px){.mobile-only{display:block}}
a.logo{text-indent:-9999px;background:url(/logo.png) no-repeat}
body{background:#fff}</style>`,
);

const searchForm = `<form action="/search" method="get"><input type="hidden" name="siteid" value="7">
<input type="text" name="searchword" placeholder="请输入关键字"><input type="submit" value="搜索"></form>`;
const searchHome = (charset = "utf-8") =>
  page(
    "某县人民政府",
    `${searchForm}<ul><li><a href="/art1.html">${NEWEST}</a> 2026-11-20</li>
<li><a href="/art2.html">县政府召开第十次常务会议</a> 2026-10-08</li></ul>`,
    "",
    charset,
  );

type Answer = { status?: number; type?: string; body: string | Buffer };
type Site = (path: string, query: URLSearchParams, raw: string) => Answer | undefined;

const articles = (charset = "utf-8"): Record<string, string> => ({
  "/art1.html": article(NEWEST, "2026-11-20", charset),
  "/art2.html": article("县政府召开第十次常务会议", "2026-10-08", charset),
});

/** A results page: the titles the query finds (a prefix of the newest title), with the query shown. */
function results(query: string): string {
  const hits = query.length >= 10 && NEWEST.startsWith(query) ? [NEWEST] : [];
  const list = hits.map((t) => `<li><a href="/art1.html"><em>${t.slice(0, 4)}</em>${t.slice(4)}</a></li>`);
  return page("搜索结果", `<p>搜索“${query}”共找到 ${hits.length} 条结果</p><ul>${list.join("")}</ul>`);
}

const html = (body: string): Answer => ({ body });
const SITES: Record<string, Site> = {
  hidden: (p) =>
    p === "/"
      ? html(HIDDEN_HOME)
      : {
          "/a.html": html(article("工作动态", "2026-11-02")),
          "/b.html": html(article("通知公告栏目", "2026-11-03")),
        }[p],
  clean: (p) =>
    p === "/"
      ? html(CLEAN_HOME)
      : {
          "/a.html": html(article("工作动态", "2026-11-02")),
          "/b.html": html(article("通知公告栏目", "2026-11-03")),
        }[p],
  "search-ok": (p, q) => {
    if (p === "/") return html(searchHome());
    if (p === "/search")
      return html(q.get("siteid") === "7" ? results(q.get("searchword") ?? "") : results(""));
    const a = articles()[p];
    return a ? html(a) : undefined;
  },
  "search-gbk": (p, _q, raw) => {
    const gbk = (s: string): Answer => ({ type: "text/html; charset=gbk", body: iconv.encode(s, "gbk") });
    if (p === "/") return gbk(searchHome("gbk"));
    if (p === "/search") {
      // The query arrives percent-encoded in GBK, as a browser sends it from a GBK page.
      const m = /(?:^|&)searchword=([^&]*)/.exec(raw);
      const bytes = Buffer.from(
        (m?.[1] ?? "")
          .replace(/\+/g, " ")
          .replace(/%([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        "latin1",
      );
      return gbk(results(iconv.decode(bytes, "gbk")).replace("utf-8", "gbk"));
    }
    const a = articles("gbk")[p];
    return a ? gbk(a) : undefined;
  },
  "search-500": (p) => {
    if (p === "/") return html(searchHome());
    if (p === "/search") return { status: 500, body: "<h1>Internal Server Error</h1>" };
    const a = articles()[p];
    return a ? html(a) : undefined;
  },
  "search-miss": (p) => {
    if (p === "/") return html(searchHome());
    if (p === "/search") return html(results("县政府召开第十次常务会议"));
    const a = articles()[p];
    return a ? html(a) : undefined;
  },
  "search-none": (p) => {
    if (p === "/")
      return html(page("某县人民政府", `<ul><li><a href="/art1.html">${NEWEST}</a> 2026-11-20</li></ul>`));
    const a = articles()[p];
    return a ? html(a) : undefined;
  },
  "search-script": (p) => {
    if (p === "/")
      return html(
        page(
          "某县人民政府",
          `<div id="sch"><input type="text" id="kw" placeholder="搜索"><a href="javascript:go()">搜索</a></div>
<ul><li><a href="/art1.html">${NEWEST}</a> 2026-11-20</li></ul>`,
        ),
      );
    const a = articles()[p];
    return a ? html(a) : undefined;
  },
};
const NAMES = Object.keys(SITES);

let server: Server;
let port: number;
let closed: number;
const reports = new Map<string, InspectionReport>();
const url = (name: string) => `http://${name}.fixture.gov.cn:${port}/`;

before(async () => {
  server = createServer((req, res) => {
    const name = (req.headers.host ?? "").split(".")[0] as string;
    const u = new URL(req.url ?? "/", "http://x");
    const a = SITES[name]?.(u.pathname, u.searchParams, u.search.slice(1));
    if (!a) {
      res.writeHead(404, { "content-type": "text/html" }).end("<title>404</title>");
      return;
    }
    res.writeHead(a.status ?? 200, { "content-type": a.type ?? "text/html; charset=utf-8" }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as { port: number }).port;
  const probe = createNet();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
  closed = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const rs = await inspectSites({
    sites: NAMES.map(url),
    asOf: AS_OF,
    options: testOptions({ readerThreads: 0 }, { maxPages: 20 }),
    resolver: fixtureResolver,
    schemeProbe: (site) => ({ http: site, https: `https://${new URL(site).hostname}:${closed}/` }),
  });
  for (const [i, r] of rs.entries()) reports.set(NAMES[i] as string, r as InspectionReport);
});
after(() => new Promise<void>((r) => server.close(() => r())));

function ours(name: string, check: string) {
  const r = reports.get(name) as InspectionReport;
  const origin = url(name).replace(/\/$/, "");
  return r.findings
    .filter((f) => f.check === check)
    .map(({ record: _record, ...f }) =>
      Object.fromEntries(
        Object.entries(f).map(([k, v]) => [k, typeof v === "string" ? v.replace(origin, "") : v]),
      ),
    )
    .sort((a, b) => String(a.target).localeCompare(String(b.target)));
}
const outcome = (name: string, check: string) => reports.get(name)?.checks[check]?.outcome;

test("integrity.hidden-link: every kind of hiding planted, one finding each, nothing else", () => {
  const f = (target: string, how: string, by: string, on: string) => ({
    check: "integrity.hidden-link",
    page: "/",
    target,
    how,
    by,
    on,
  });
  assert.deepEqual(ours("hidden", "integrity.hidden-link"), [
    f("http://hidden-attr-casino.com/", "hidden", "hidden attribute", "span"),
    f("http://www.amxpj-casino.com/", "display:none", "style attribute", "div"),
    f("http://www.lottery-fixture.com/", "visibility:hidden", "#foot .links", "div"),
    f("http://www.poker-fixture.com/", "color #ffffff on background #ffffff", "style attribute", "link"),
    f("http://www.slots-fixture.com/", "text-indent", "style attribute", "link"),
    f("http://zero.casino-fixture.org/", "zero size", ".z", "div"),
    f("https://bet.example-casino.net/", "off-screen", ".bet", "p"),
  ]);
  assert.equal(outcome("hidden", "integrity.hidden-link"), "fail");
});

test("integrity.hidden-link: a clean site with hidden menus, a mobile-only block and an image link passes", () => {
  assert.deepEqual(ours("clean", "integrity.hidden-link"), []);
  assert.equal(outcome("clean", "integrity.hidden-link"), "pass");
});

test("search.broken: a working search passes, in UTF-8 and in GBK", () => {
  for (const name of ["search-ok", "search-gbk"]) {
    assert.deepEqual(ours(name, "search.broken"), [], name);
    assert.equal(outcome(name, "search.broken"), "pass", name);
    const facts = (reports.get(name) as InspectionReport).facts;
    assert.equal(facts["search.status"], 200, name);
    assert.equal(facts["search.found"], 1, name);
    assert.match(String(facts["search.url"]), /\/search\?siteid=7&searchword=%/, name);
  }
});

test("search.broken: the GBK site is asked in GBK, as a browser on a GBK page asks", () => {
  // 关 is E5 85 B3 in UTF-8 and B9 D8 in GBK.
  assert.match(String(reports.get("search-gbk")?.facts["search.url"]), /searchword=%B9%D8/);
});

test("search.broken: a 500 and results without the title are reported", () => {
  const q = NEWEST.slice(0, 20);
  assert.equal(outcome("search-500", "search.broken"), "fail");
  const [broken] = ours("search-500", "search.broken");
  assert.equal(broken?.status, 500);
  assert.equal(broken?.reason, "answer");
  assert.equal(broken?.article, "/art1.html");
  assert.equal(broken?.query, q);
  assert.match(String(broken?.url), /^\/search\?siteid=7&searchword=%E5%85%B3/);
  assert.deepEqual(
    ours("search-miss", "search.broken").map((x) => [x.status, x.reason, x.query]),
    [[200, "not-found", q]],
  );
});

test("search.broken: no search is not applicable; a search drawn by scripts is a warning", () => {
  assert.equal(outcome("search-none", "search.broken"), "not-applicable");
  assert.equal(reports.get("search-none")?.facts["search.url"], null);
  assert.equal(outcome("search-script", "search.broken"), "warn");
  assert.deepEqual(ours("search-script", "search.broken"), [
    { check: "search.broken", page: "/", reason: "no-form" },
  ]);
  // The pages without search do not trouble the hidden-link check either.
  assert.equal(outcome("search-none", "integrity.hidden-link"), "pass");
});
