import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { crawlSite, LinkCache } from "../../src/crawl/crawler.ts";
import { type Exchange, FetchFailure } from "../../src/crawl/fetch.ts";
import { HostGate } from "../../src/crawl/gate.ts";
import type { Transport } from "../../src/crawl/transport.ts";
import { defaultOptions } from "../../src/inspect/config.ts";
import { buildReport } from "../../src/inspect/report.ts";

// Issue 18: the HTTPS probe of a site on a port of its own. The rule: the other scheme is probed
// on its default port (443 for https, 80 for http), and the report says where it looked.

const HOST = "www.example.gov.cn";
const HTML = new TextEncoder().encode(
  "<!DOCTYPE html><html><head><title>某某县人民政府</title></head><body><p>主办单位：某某县人民政府办公室</p></body></html>",
);

function exchange(url: string, status: number, headers: Record<string, string> = {}): Exchange {
  return {
    url,
    method: "GET",
    status,
    headers: { "content-type": "text/html; charset=utf-8", ...headers },
    body: status === 200 ? HTML : new Uint8Array(),
    ms: 1,
    requestHeaders: {},
  };
}

/** A site that answers on `home` only; `https` says what the host's 443 does. */
function transport(home: string, https: "none" | "ok", seen: string[]): Transport {
  return {
    async once(url, method) {
      seen.push(`${method} ${url}`);
      if (url === home) return exchange(url, 200);
      if (url === `https://${HOST}/` && https === "ok")
        return exchange(url, 200, { "strict-transport-security": "max-age=31536000" });
      if (url.startsWith("https:") || url.startsWith(`http://${HOST}/`))
        throw new FetchFailure("refused", "connection refused", url);
      return exchange(url, 404);
    },
  };
}

async function inspect(home: string, https: "none" | "ok") {
  const seen: string[] = [];
  const cfg = { ...defaultOptions().crawl, maxPages: 1, delayMs: 0 };
  const a = await crawlSite(home, "2026-11-01", {
    cfg,
    transport: transport(home, https, seen),
    gate: new HostGate(2, 0, 8),
    linkCache: new LinkCache(),
  });
  return { seen, report: buildReport(a, "a", "b") };
}

const ownPort = fc.integer({ min: 1, max: 65_535 }).filter((p) => p !== 80 && p !== 443);

test("an http site on a port of its own: https is probed on 443 of the same host, and the report says so", async () => {
  await fc.assert(
    fc.asyncProperty(ownPort, fc.constantFrom<"none" | "ok">("none", "ok"), async (port, https) => {
      const home = `http://${HOST}:${port}/`;
      const { seen, report } = await inspect(home, https);
      const probes = seen.filter((s) => s.includes("https:"));
      assert.deepEqual(probes, [`GET https://${HOST}/`], `port ${port}`);
      assert.equal(report.facts["https.probed"], `https://${HOST}/`);
      assert.equal(report.facts["https.port"], 443);
      if (https === "ok") {
        assert.equal(report.checks["https.missing"]?.outcome, "pass");
        assert.equal(report.checks["https.no-hsts"]?.outcome, "pass");
      } else {
        // The finding names the port probed, which is not the site's.
        const f = report.findings.find((x) => x.check === "https.missing");
        assert.deepEqual(
          { page: f?.page, probed: f?.probed, port: f?.port },
          { page: home, probed: `https://${HOST}/`, port: 443 },
        );
      }
    }),
    { numRuns: 40 },
  );
});

test("an https site on a port of its own: its https facts are its own URL and port", async () => {
  await fc.assert(
    fc.asyncProperty(ownPort, async (port) => {
      const home = `https://${HOST}:${port}/`;
      const { seen, report } = await inspect(home, "none");
      // http is probed on 80, never on the https port.
      assert.ok(seen.includes(`GET http://${HOST}/`), seen.join(", "));
      assert.ok(!seen.includes(`GET http://${HOST}:${port}/`));
      assert.equal(report.facts["https.probed"], home);
      assert.equal(report.facts["https.port"], port);
      assert.equal(report.checks["https.missing"]?.outcome, "pass");
    }),
    { numRuns: 20 },
  );
});

test("a site on the default port: facts name 443, the finding stays as it was", async () => {
  const { report } = await inspect(`http://${HOST}/`, "none");
  assert.equal(report.facts["https.probed"], `https://${HOST}/`);
  assert.equal(report.facts["https.port"], 443);
  const f = report.findings.find((x) => x.check === "https.missing");
  assert.deepEqual(f, { check: "https.missing", page: `http://${HOST}/` });
});
