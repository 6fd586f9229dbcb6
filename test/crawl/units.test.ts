import assert from "node:assert/strict";
import { test } from "node:test";
import { extractFacts } from "../../src/artifacts/extract.ts";
import { classifyError, FetchFailure } from "../../src/crawl/fetch.ts";
import { Frontier } from "../../src/crawl/frontier.ts";
import { parseRobots } from "../../src/crawl/robots.ts";
import { parseSitemap } from "../../src/crawl/sitemap.ts";
import { looksLikeCalendar } from "../../src/crawl/traps.ts";
import { classifyTarget, normaliseUrl, resolveLink, scopeOf, urlKey } from "../../src/links/url.ts";

test("URL normalisation: fragments dropped, query sorted, default port, non-http refused", () => {
  assert.equal(
    normaliseUrl("HTTP://WWW.Gov.CN:80/a/../b.html?z=1&a=2#top"),
    "http://www.gov.cn/b.html?a=2&z=1",
  );
  assert.equal(normaliseUrl("javascript:void(0)"), null);
  assert.equal(normaliseUrl("mailto:x@gov.cn"), null);
  assert.equal(normaliseUrl("#"), null);
  assert.equal(normaliseUrl("c.html", "http://a.gov.cn/x/y.html"), "http://a.gov.cn/x/c.html");
});

test("a link is requested as written; only its de-duplication key has the query sorted", () => {
  const linked = resolveLink("list.jsp?uid=4521&pageNum=2#p", "http://A.gov.cn/col/c1/index.html");
  assert.equal(linked, "http://a.gov.cn/col/c1/list.jsp?uid=4521&pageNum=2");
  assert.equal(urlKey(linked as string), "http://a.gov.cn/col/c1/list.jsp?pageNum=2&uid=4521");
  assert.equal(urlKey("http://a.gov.cn/x.html"), "http://a.gov.cn/x.html");
  assert.equal(resolveLink("javascript:void(0)"), null);
});

test("targets: pages, images, attachments, resources, external", () => {
  const inScope = scopeOf("http://www.a.gov.cn/");
  assert.equal(classifyTarget("http://a.gov.cn/x.html", "a", inScope), "page");
  assert.equal(classifyTarget("http://www.a.gov.cn/f/x.PDF", "a", inScope), "attachment");
  assert.equal(classifyTarget("http://www.a.gov.cn/f/x.ofd", "a", inScope), "attachment");
  assert.equal(classifyTarget("http://www.a.gov.cn/i?id=3", "img", inScope), "image");
  assert.equal(classifyTarget("http://www.a.gov.cn/s.js", "script", inScope), "resource");
  assert.equal(classifyTarget("http://www.b.gov.cn/", "a", inScope), "external");
});

test("frontier: breadth-first, de-duplicated, bounded by depth, variants, calendars, pages, robots", () => {
  const frontier = new Frontier(
    { maxPages: 5, maxDepth: 2, maxQueryVariants: 2 },
    (u) => !u.includes("/private/"),
  );
  const f = {
    ...frontier,
    offer: (u: string, d: number) => frontier.offer(u, urlKey(u), d),
    next: () => frontier.next(),
    skipped: frontier.skipped,
  };
  assert.ok(f.offer("http://a.gov.cn/", 0));
  assert.ok(!f.offer("http://a.gov.cn/", 1));
  assert.ok(!f.offer("http://a.gov.cn/deep", 3));
  assert.ok(f.offer("http://a.gov.cn/s?p=1", 1));
  assert.ok(f.offer("http://a.gov.cn/s?p=2", 1));
  assert.ok(!f.offer("http://a.gov.cn/s?p=3", 1));
  assert.ok(!f.offer("http://a.gov.cn/calendar?date=2026-01-01", 1));
  assert.ok(!f.offer("http://a.gov.cn/private/x", 1));
  assert.ok(f.offer("http://a.gov.cn/b", 2));
  assert.ok(f.offer("http://a.gov.cn/c", 2));
  assert.ok(!f.offer("http://a.gov.cn/d", 2));
  assert.equal(f.skipped["max-pages"], 1);
  assert.deepEqual([f.next()?.url, f.next()?.url], ["http://a.gov.cn/", "http://a.gov.cn/s?p=1"]);
});

test("frontier: a page first offered too deep is taken when a shallower page links it", () => {
  const f = new Frontier({ maxPages: 10, maxDepth: 2, maxQueryVariants: 5 }, () => true);
  const u = "http://a.gov.cn/x.html";
  assert.ok(!f.offer(u, u, 3));
  assert.equal(f.skipped.depth, 1);
  assert.ok(!f.offer(u, u, 4), "deeper again: still refused, counted once");
  assert.equal(f.skipped.depth, 1);
  assert.ok(f.offer(u, u, 2));
  assert.equal(f.skipped.depth, 0);
  assert.ok(!f.offer(u, u, 1), "accepted once");
  // The same page under another parameter order is the same page.
  assert.ok(f.offer("http://a.gov.cn/l?b=1&a=2", "http://a.gov.cn/l?a=2&b=1", 1));
  assert.ok(!f.offer("http://a.gov.cn/l?a=2&b=1", "http://a.gov.cn/l?a=2&b=1", 1));
});

test("calendar patterns", () => {
  assert.ok(looksLikeCalendar(new URL("http://a.gov.cn/rili/index.html")));
  assert.ok(looksLikeCalendar(new URL("http://a.gov.cn/x?year=2031&month=2")));
  assert.ok(looksLikeCalendar(new URL("http://a.gov.cn/news/2099/01/")));
  assert.ok(!looksLikeCalendar(new URL("http://a.gov.cn/art/2022/12/20/art_1.html")));
  assert.ok(!looksLikeCalendar(new URL("http://a.gov.cn/list?page=3")));
});

test("robots.txt per RFC 9309: our token, 4xx allows all, 5xx/unreachable disallows all", () => {
  const r = parseRobots(
    "http://a.gov.cn/robots.txt",
    200,
    "User-agent: *\nDisallow: /x/\n\nUser-agent: govscore\nDisallow: /private/\nCrawl-delay: 2\nSitemap: http://a.gov.cn/sm.xml\n",
    "govscore/0.1.0 (+https://example)",
  );
  assert.ok(!r.isAllowed("http://a.gov.cn/private/a"));
  assert.ok(r.isAllowed("http://a.gov.cn/x/a"), "our group replaces the * group");
  assert.equal(r.crawlDelayS, 2);
  assert.deepEqual(r.sitemaps, ["http://a.gov.cn/sm.xml"]);
  assert.ok(parseRobots("u", 404, "", "govscore").isAllowed("http://a.gov.cn/any"));
  assert.ok(!parseRobots("u", 503, "", "govscore").isAllowed("http://a.gov.cn/any"));
  assert.ok(!parseRobots("u", null, "", "govscore").isAllowed("http://a.gov.cn/any"));
});

test("sitemaps: urlset, index, plain text", () => {
  assert.deepEqual(
    parseSitemap(
      '<?xml version="1.0"?><urlset><url><loc> http://a.gov.cn/1 </loc></url><url><loc>http://a.gov.cn/2</loc></url></urlset>',
    ).urls,
    ["http://a.gov.cn/1", "http://a.gov.cn/2"],
  );
  assert.deepEqual(
    parseSitemap("<sitemapindex><sitemap><loc>http://a.gov.cn/s1.xml</loc></sitemap></sitemapindex>")
      .sitemaps,
    ["http://a.gov.cn/s1.xml"],
  );
  assert.deepEqual(parseSitemap("http://a.gov.cn/1\nnot a url\n").urls, ["http://a.gov.cn/1"]);
  assert.deepEqual(parseSitemap("<urlset><broken").urls, []);
});

test("extraction: every link-bearing element, <base>, title, meta", () => {
  const f = extractFacts(`<html><head><base href="http://a.gov.cn/sub/"><title> 首页 &amp; 要闻 </title>
  <meta name="SiteIDCode" content="4600000001"><link rel="stylesheet" href="s.css"><link rel="alternate" href="feed.xml">
  <script src="j.js"></script></head><body><a href="a.html">a</a><img src="i.png"><iframe src="f.html"></iframe>
  <map><area href="m.html"></map><form action="/search"></form></body></html>`);
  assert.equal(f.title, "首页 & 要闻");
  assert.equal(f.base, "http://a.gov.cn/sub/");
  assert.equal(f.meta.siteidcode, "4600000001");
  assert.deepEqual(
    f.links.map((l) => `${l.tag}:${l.href}`),
    ["link:s.css", "script:j.js", "a:a.html", "img:i.png", "iframe:f.html", "area:m.html", "form:/search"],
  );
});

test("failure classification", () => {
  assert.equal(classifyError({ code: "ENOTFOUND" }), "dns");
  assert.equal(classifyError({ code: "ECONNREFUSED" }), "refused");
  assert.equal(classifyError({ code: "UND_ERR_HEADERS_TIMEOUT" }), "timeout");
  assert.equal(classifyError({ code: "ERR_TLS_CERT_ALTNAME_INVALID" }), "tls");
  assert.equal(classifyError({ code: "CERT_HAS_EXPIRED" }), "tls");
  assert.equal(classifyError({ cause: { code: "ECONNRESET" } }), "reset");
  assert.equal(classifyError(new FetchFailure("too-large", "x", "u")), "too-large");
});
