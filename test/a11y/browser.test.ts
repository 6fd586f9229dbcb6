import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { BrowserPass, CHROMIUM_PATH, chromiumAvailable } from "../../src/a11y/browser-pass.ts";
import { transportFetcher } from "../../src/a11y/site.ts";
import { createDispatcher, defaultResolver } from "../../src/crawl/fetch.ts";
import { HostGate } from "../../src/crawl/gate.ts";
import { liveTransport } from "../../src/crawl/transport.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import { testOptions } from "../crawl/helpers.ts";

const skip = chromiumAvailable()
  ? undefined
  : `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-noto-cjk): browser tests skipped`;

const CODE = "4403000001";
const ICP = "粤ICP备05000041号-1";

/** A homepage with pale grey text (contrast about 2.3:1) and a footer that only a script writes. */
const HOME = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某某区人民政府</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<header><h1>某某区人民政府</h1></header>
<main><h2>政务要闻</h2><p style="color:#aaaaaa;background:#ffffff;font-size:14px">区政府召开常务会议，研究部署近期重点工作。</p></main>
<div id="footer"></div>
<script src="/js/footer.js"></script>
</body></html>`;
const FOOTER_JS = `document.getElementById("footer").innerHTML =
  "<p>主办单位：某某区人民政府办公室</p><p>网站标识码：${CODE}</p><p>${ICP}</p>";`;

let server: Server;
let base = "";
const seen: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers["user-agent"] ?? ""}`);
    if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(HOME);
    } else if (req.url === "/js/footer.js") {
      res.writeHead(200, { "content-type": "application/javascript; charset=utf-8" });
      res.end(FOOTER_JS);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const inspect = (browser: boolean) =>
  inspectSites({
    sites: [base],
    asOf: "2026-11-01",
    options: testOptions(),
    a11y: { articlesPerColumn: 3, maxPages: 20, browser },
  }).then((r) => r[0] as NonNullable<(typeof r)[0]>);

test("low-contrast text is a11y.color-contrast only in the browser pass", { skip }, async () => {
  const fast = await inspect(false);
  assert.equal(fast.checks["a11y.color-contrast"], undefined, "the jsdom pass must not judge contrast");
  assert.ok(!fast.findings.some((f) => f.check === "a11y.color-contrast"));
  assert.equal(fast.facts["a11y.engines"], "jsdom");

  const full = await inspect(true);
  assert.equal(full.facts["a11y.engines"], "jsdom+chromium");
  assert.equal(full.checks["a11y.color-contrast"]?.outcome, "fail");
  const f = full.findings.find((x) => x.check === "a11y.color-contrast");
  assert.ok(f, "a color-contrast finding");
  assert.equal(f.engine, "chromium");
  assert.equal(f.page, base);
  assert.ok((f.nodes as number) >= 1);
  assert.ok((f.targets as string[]).some((t) => t.includes("p")));
  assert.match((f.title as { zh: string }).zh, /[\u4e00-\u9fff]/, "a Chinese title");
  // What jsdom reported is reported the same way with the browser on.
  const jsdomOnly = (r: typeof fast) => r.findings.filter((x) => x.engine === "jsdom");
  assert.deepEqual(jsdomOnly(full), jsdomOnly(fast));
});

test("a footer written by a script is read from the rendered page", { skip }, async () => {
  const fast = await inspect(false);
  assert.equal(fast.facts["footer.siteIdCode"], null, "absent from the static HTML");
  const full = await inspect(true);
  assert.equal(full.facts["rendered.footer.siteIdCode"], CODE);
  assert.equal(full.facts["rendered.footer.icp"], ICP);
  // The static footer was empty, so the rendered one stands for it and the checks see it.
  assert.equal(full.facts["footer.siteIdCode"], CODE);
  if (fast.checks["footer.site-id.missing"])
    assert.notEqual(full.checks["footer.site-id.missing"]?.outcome, "fail");
});

test("the browser fetches through the address policy: a private address is refused", { skip }, async () => {
  const gate = new HostGate(2, 0, 8);
  const session = async (allowPrivate: boolean) => {
    const o = {
      connectTimeoutMs: 1000,
      headersTimeoutMs: 1000,
      bodyTimeoutMs: 1000,
      totalTimeoutMs: 2000,
      maxBodyBytes: 1 << 20,
      maxRedirects: 5,
      userAgent: "govscore-test",
      policy: { allowPrivate },
      resolver: defaultResolver,
    };
    const d = createDispatcher(o);
    const fetcher = transportFetcher(liveTransport(o, d, 0, null), gate, { maxRedirects: 5, delayMs: 0 });
    return { fetcher, close: () => d.close() };
  };
  const browser = await BrowserPass.launch();
  try {
    for (const allowPrivate of [false, true]) {
      seen.length = 0;
      const net = await session(allowPrivate);
      const s = await browser.session(net.fetcher);
      // The document comes from memory; only the footer script would need the network.
      const doc = { body: new TextEncoder().encode(HOME), contentType: "text/html; charset=utf-8" };
      const html = await s.renderedHtml(base, doc);
      await s.close();
      await net.close();
      assert.ok(html, "rendered");
      if (allowPrivate) {
        assert.match(html, new RegExp(CODE));
        assert.deepEqual(seen, ["GET /js/footer.js govscore-test"], "only our fetcher reached the server");
      } else {
        assert.doesNotMatch(html, new RegExp(CODE));
        assert.deepEqual(seen, [], "nothing reached 127.0.0.1");
      }
    }
  } finally {
    await browser.close();
  }
});
