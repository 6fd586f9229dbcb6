import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_SUBRESOURCES } from "../../src/artifacts/extract.ts";
import { httpsMixedContent } from "../../src/checks/https-mixed-content.ts";
import { buildReport } from "../../src/inspect/report.ts";
import { HOME, outcome, pageFrom, portal, siteOf } from "./support.ts";

const U = (p: string) => new URL(p, HOME).href;

/** Subresources over plain http on an https page, and things that are not mixed content beside them. */
const PLANTED = portal(
  `<p>通知</p>
   <img src="http://img.example.cn/banner.jpg" alt="横幅">
   <iframe src="http://weather.example.cn/widget" title="天气"></iframe>
   <a href="http://www.other.gov.cn/">友情链接：其他政府网站</a>
   <img src="//cdn.example.cn/logo.png" alt="标识"><img src="/img/local.png" alt="本站">
   <form action="http://search.example.cn/s"><input name="q"></form>`,
  {
    head: `<link rel="stylesheet" href="HTTP://static.example.cn/site.css">
<link rel="icon" href="http://static.example.cn/favicon.ico">
<script src="http://static.example.cn/jquery.js"></script>
<script src="https://static.example.cn/ok.js"></script>`,
  },
);

test("https.mixed-content: scripts, styles, frames and images over http on an https page, each once", () => {
  const page = pageFrom(HOME, PLANTED, 0);
  const r = httpsMixedContent.run(siteOf([page]));
  assert.equal(r.outcome, "fail");
  assert.deepEqual(
    r.findings.map((f) => [f.page, f.tag, f.target]),
    [
      [HOME, "stylesheet", "http://static.example.cn/site.css"],
      [HOME, "script", "http://static.example.cn/jquery.js"],
      [HOME, "img", "http://img.example.cn/banner.jpg"],
      [HOME, "iframe", "http://weather.example.cn/widget"],
    ],
  );
});

test("https.mixed-content: links, forms, favicons, protocol-relative and https resources are not mixed content", () => {
  const clean = portal(
    `<a href="http://www.other.gov.cn/">其他政府网站</a><form action="http://s.example.cn/"></form>
     <img src="//cdn.example.cn/a.png" alt="a"><img src="https://cdn.example.cn/b.png" alt="b"><img src="/c.png" alt="c">`,
    {
      head: `<link rel="icon" href="http://static.example.cn/favicon.ico"><link rel="stylesheet" href="/s.css">
<script src="//cdn.example.cn/x.js"></script>`,
    },
  );
  const r = httpsMixedContent.run(siteOf([pageFrom(HOME, clean, 0)]));
  assert.equal(r.outcome, "pass");
  assert.deepEqual(r.findings, []);
});

test("https.mixed-content: an http page is not applicable, its http resources are no mixed content", () => {
  const http = "http://www.example.gov.cn/";
  const page = pageFrom(http, PLANTED, 0);
  assert.equal(page.insecure, undefined);
  const s = siteOf([page], { site: http, home: outcome({ url: http, finalUrl: http }) });
  assert.equal(httpsMixedContent.run(s).outcome, "not-applicable");
});

test("https.mixed-content: one finding per page and resource; an http <base> makes relative resources mixed", () => {
  const a = pageFrom(HOME, PLANTED, 0);
  const b = pageFrom(U("/a/1.html"), PLANTED, 1);
  const based = pageFrom(
    U("/a/2.html"),
    portal(`<img src="pic/1.png" alt="图">`, { head: `<base href="http://www.example.gov.cn/a/">` }),
    1,
  );
  const r = httpsMixedContent.run(siteOf([a, b, based]));
  assert.equal(r.findings.length, 10);
  assert.deepEqual(
    r.findings.filter((f) => f.page === U("/a/2.html")).map((f) => f.target),
    // The portal's footer badge is relative too.
    ["http://www.example.gov.cn/a/pic/1.png", "http://www.example.gov.cn/img/red.png"],
  );
});

test("https.mixed-content: a page cannot make the reader keep more than MAX_SUBRESOURCES", () => {
  const many = Array.from(
    { length: 500 },
    (_, i) => `<img src="http://img.example.cn/${i}.png" alt="${i}">`,
  ).join("");
  const page = pageFrom(HOME, portal(many), 0);
  assert.equal(page.insecure?.length, MAX_SUBRESOURCES);
});

test("https.mixed-content in the report: counted, outcome fail, not-applicable when the homepage is down", () => {
  const r = buildReport(siteOf([pageFrom(HOME, PLANTED, 0)]), "a", "b");
  assert.equal(r.checks["https.mixed-content"]?.outcome, "fail");
  assert.equal(r.checks["https.mixed-content"]?.count, 4);
  const down = siteOf([pageFrom(HOME, PLANTED, 0)], { home: outcome({ status: null, error: "dns" }) });
  assert.equal(httpsMixedContent.run(down).outcome, "not-applicable");
});
