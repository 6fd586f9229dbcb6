// http.soft-404 through real inspections: the hostile site that answers 200 for every URL, the
// normal fixture site (404), and sites that answer a missing page with a 200 error page, with a
// redirect to the homepage, or with a 500.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import iconv from "iconv-lite";
import { type HostileServer, startHostileServer } from "../../fixtures/hostile/server.ts";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { httpSoft404 } from "../../src/checks/http-soft-404.ts";
import { readAnswer, soft404Url } from "../../src/crawl/site-probes.ts";
import { inspectSites, recheckArchive } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions, testSeed } from "../crawl/helpers.ts";
import { siteOf } from "./support.ts";

let hostile: HostileServer;
let fixture: FixtureServer;
let own: Server;
let ownPort: number;
const dir = mkdtempSync(join(tmpdir(), "govscore-soft404-"));

const HOME = '<html><head><meta charset="utf-8"><title>某市人民政府</title></head><body>首页</body></html>';
/** Host → how it answers a path it does not have. */
const MISSING: Record<string, (res: import("node:http").ServerResponse, port: number) => void> = {
  // 200 with an error page, in GBK (the bytes are decoded before they are read).
  "errpage.gov.cn": (res) => {
    res.writeHead(200, { "content-type": "text/html; charset=gbk" });
    res.end(
      iconv.encode(
        "<html><head><title>提示信息</title></head><body>对不起，您访问的页面不存在！</body></html>",
        "gbk",
      ),
    );
  },
  // A redirect to the homepage, which answers 200.
  "tohome.gov.cn": (res, port) => {
    res.writeHead(302, { location: `http://tohome.gov.cn:${port}/` });
    res.end();
  },
  "broken.gov.cn": (res) => {
    res.writeHead(500, { "content-type": "text/html" });
    res.end("<title>500</title>");
  },
  "gone.gov.cn": (res) => {
    res.writeHead(410, { "content-type": "text/html" });
    res.end("<title>Gone</title>");
  },
};

before(async () => {
  hostile = await startHostileServer();
  fixture = await startFixtureServer({ seed: testSeed(), sites: 1 });
  own = createServer((req, res) => {
    const host = (req.headers.host ?? "").split(":")[0] ?? "";
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return void res.end(HOME);
    }
    if (req.url === "/robots.txt") {
      res.writeHead(404);
      return void res.end();
    }
    (MISSING[host] ?? MISSING["gone.gov.cn"])?.(res, ownPort);
  });
  await new Promise<void>((r) => own.listen(0, "127.0.0.1", () => r()));
  ownPort = (own.address() as AddressInfo).port;
});
after(async () => {
  await hostile.close();
  await fixture.close();
  own.closeAllConnections();
  await new Promise<void>((r) => own.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const resolver = async (host: string) =>
  host.endsWith(".gov.cn") && !host.includes("fixture")
    ? [{ address: "127.0.0.1", family: 4 }]
    : fixtureResolver(host);

async function inspect(sites: string[], warcDir?: string): Promise<InspectionReport[]> {
  return inspectSites({
    sites,
    asOf: "2026-11-01",
    options: testOptions({}, { maxPages: 3 }),
    resolver,
    warcDir: warcDir ?? null,
  });
}

const soft404 = (r: InspectionReport) =>
  r.findings.filter((f) => f.check === "http.soft-404").map(({ check, record, ...rest }) => rest);
const probeOf = (site: string) => soft404Url(site);

test("a site that answers 200 for every URL fails; a site that answers 404 passes", async () => {
  const site = hostile.url("soft-404");
  const normal = fixture.url(0);
  const [h, n] = await inspect([site, normal], dir);
  const probe = probeOf(site);
  assert.deepEqual(soft404(h as InspectionReport), [
    { page: probe, status: 200, errorPage: false, title: `Page ${new URL(probe).pathname}` },
  ]);
  assert.equal(h?.checks["http.soft-404"]?.outcome, "fail");
  assert.equal(h?.facts["soft404.status"], 200);
  // The finding names its evidence, and the probe is not counted as a page of the site.
  assert.match(String(h?.findings.find((f) => f.check === "http.soft-404")?.record), /^<urn:uuid:/);
  assert.ok(!h?.findings.some((f) => f.page === probe && f.check !== "http.soft-404"));

  assert.deepEqual(soft404(n as InspectionReport), []);
  assert.equal(n?.checks["http.soft-404"]?.outcome, "pass");
  assert.equal(n?.facts["soft404.status"], 404);
  assert.ok(fixture.log.includes(`GET s0.fixture.gov.cn ${new URL(probeOf(normal)).pathname}`));

  // The probe is archived like any request: a recheck asks the archive and gets the same answer.
  const again = await recheckArchive(dir);
  const untimed = (r: InspectionReport) => ({ ...r, startedAt: "", finishedAt: "" });
  assert.deepEqual(
    again.map(untimed),
    [h, n].map((r) => untimed(r as InspectionReport)),
  );
});

test("a 200 error page and a redirect to the homepage are soft 404s too, told apart; 410 passes, 500 warns", async () => {
  const site = (host: string) => `http://${host}:${ownPort}/`;
  const hosts = ["errpage.gov.cn", "tohome.gov.cn", "gone.gov.cn", "broken.gov.cn"];
  const [err, home, gone, broken] = await inspect(hosts.map(site));
  assert.deepEqual(soft404(err as InspectionReport), [
    { page: probeOf(site("errpage.gov.cn")), status: 200, errorPage: true, title: "提示信息" },
  ]);
  assert.deepEqual(soft404(home as InspectionReport), [
    {
      page: probeOf(site("tohome.gov.cn")),
      status: 200,
      errorPage: false,
      finalUrl: site("tohome.gov.cn"),
      title: "某市人民政府",
    },
  ]);
  assert.equal(gone?.checks["http.soft-404"]?.outcome, "pass");
  assert.deepEqual(soft404(broken as InspectionReport), []);
  assert.equal(broken?.checks["http.soft-404"]?.outcome, "warn");
});

test("the probe's path is the same for a site every time, different between sites", () => {
  const a = soft404Url("http://www.a.gov.cn/");
  assert.equal(a, soft404Url("http://www.a.gov.cn/index.html"));
  assert.match(a, /^http:\/\/www\.a\.gov\.cn\/govscore-[0-9a-f]{16}-404\.html$/);
  assert.notEqual(a, soft404Url("http://www.b.gov.cn/"));
});

test("what reads as an error page, and what does not", () => {
  const read = (html: string, echo?: string) =>
    readAnswer(Buffer.from(html), "text/html; charset=utf-8", echo);
  for (const html of [
    "<title>404 Not Found</title>",
    "<title>页面不存在</title>",
    "<title>提示</title><body><div>抱歉，找不到您要访问的页面</div></body>",
    "<title>出错了</title>",
    "<body><h1>Page not found</h1></body>",
    "<title>系统提示</title><script>var x = 1;</script><p>您所访问的页面已删除</p>",
  ])
    assert.equal(read(html).errorPage, true, html);
  for (const html of [
    "<title>某市人民政府门户网站</title><body>政务公开 办事服务 电话 0404-1234</body>",
    "<title>Page /govscore-0123456789abcdef-404.html</title>",
    "<title>通知公告</title><script>if (x) show('页面不存在')</script><p>关于开展工作的通知</p>",
  ])
    assert.equal(read(html, "/govscore-0123456789abcdef-404.html").errorPage, false, html);
  assert.equal(read("<title> A &amp; B\n &#20013;</title>").title, "A & B 中");
});

test("outcomes without a crawl: not probed, no answer, unreachable homepage", () => {
  const s = siteOf([]);
  assert.equal(httpSoft404.run(s).outcome, "not-applicable");
  const probe = { url: "http://x/p", finalUrl: "http://x/p", record: null, title: null, errorPage: false };
  s.soft404 = { ...probe, status: null, error: "timeout" };
  assert.equal(httpSoft404.run(s).outcome, "warn");
  s.soft404 = { ...probe, status: 404, error: null };
  assert.equal(httpSoft404.run(s).outcome, "pass");
  s.soft404 = { ...probe, status: 200, error: null };
  assert.equal(httpSoft404.run(s).outcome, "fail");
  s.home = { ...s.home, status: 503 };
  assert.equal(httpSoft404.run(s).outcome, "not-applicable");
});
