import assert from "node:assert/strict";
import { createServer as createHttps, type Server } from "node:https";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { fixtureResolver } from "../../fixtures/server.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { fixtureCertificate } from "../crawl/certificate.ts";
import { testOptions } from "../crawl/helpers.ts";

// Mixed content, third-party scripts and planted wording through the real engine: an https site
// on 127.0.0.1, read in the crawler's thread and in a reader thread, must give the same findings.
let server: Server;
let site: string;
let ca: string;
let closed: number;

const page = (title: string, body: string, head = "") =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}
<p>主办单位：某县人民政府办公室 网站标识码：4600000001</p></body></html>`;

function pages(port: number): Record<string, string> {
  return {
    "/": page(
      "某县人民政府",
      `<ul><li><a href="/a.html">工作动态</a></li><li><a href="/b.html">通知公告</a></li></ul>
<img src="http://img.fixture-ext.cn:${port}/banner.png" alt="横幅">
<a href="http://www.fixture-ext.cn:${port}/">友情链接</a>`,
      `<script src="//s4.cnzz.com/z_stat.php?id=1"></script><link rel="stylesheet" href="/site.css">`,
    ),
    "/a.html": page(
      "澳门新葡京娱乐官网",
      `<p>工作动态。</p><div style="display:none"><a href="https://spam.example/">百家乐</a></div>`,
    ),
    "/b.html": page("通知公告", "<p>我县严厉打击六合彩等违法犯罪活动，查处老虎机10台。</p>"),
    "/site.css": "body{}",
  };
}

before(async () => {
  const { key, cert } = await fixtureCertificate();
  ca = cert;
  server = createHttps({ key, cert }, (req, res) => {
    const port = (server.address() as { port: number }).port;
    const body = pages(port)[new URL(req.url ?? "/", "https://x").pathname];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const css = req.url?.endsWith(".css");
    res.writeHead(200, { "content-type": css ? "text/css" : "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  site = `https://e2e.fixture.gov.cn:${(server.address() as { port: number }).port}/`;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
  closed = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function inspect(readerThreads: number): Promise<InspectionReport> {
  const [r] = await inspectSites({
    sites: [site],
    asOf: "2026-11-01",
    options: testOptions({ extraCa: [ca], readerThreads }, { maxPages: 10 }),
    resolver: fixtureResolver,
    schemeProbe: () => ({ http: `http://e2e.fixture.gov.cn:${closed}/`, https: site }),
  });
  return r as InspectionReport;
}

const ours = (r: InspectionReport) =>
  r.findings
    .filter((f) =>
      ["https.mixed-content", "privacy.third-party-script", "integrity.defacement"].includes(f.check),
    )
    .map(({ record: _record, ...f }) => f);

test("an https site with planted mixed content, an analytics script and gambling wording", async () => {
  const r = await inspect(0);
  const port = new URL(site).port;
  assert.equal(r.pages.fetched >= 3, true, JSON.stringify(r.pages));
  assert.deepEqual(ours(r), [
    {
      check: "https.mixed-content",
      page: site,
      target: `http://img.fixture-ext.cn:${port}/banner.png`,
      tag: "img",
    },
    {
      check: "integrity.defacement",
      page: `${site}a.html`,
      text: "澳门新葡京",
      kind: "gambling",
      inTitle: true,
    },
    { check: "integrity.defacement", page: `${site}a.html`, text: "百家乐", kind: "gambling" },
    {
      check: "privacy.third-party-script",
      page: site,
      host: "s4.cnzz.com",
      vendor: "友盟+ CNZZ 站长统计",
      category: "analytics",
      pages: 1,
    },
  ]);
  assert.equal(r.checks["https.mixed-content"]?.outcome, "fail");
  assert.equal(r.checks["privacy.third-party-script"]?.outcome, "warn");
  assert.equal(r.checks["integrity.defacement"]?.count, 2);
  // Read in a reader thread, the page facts travel by copy and must arrive whole.
  assert.deepEqual(ours(await inspect(1)), ours(r));
});
