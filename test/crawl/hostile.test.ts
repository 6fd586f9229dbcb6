import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type FixtureServer, fixtureResolver, HOSTILE, startFixtureServer } from "../../fixtures/server.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import { SHORT_TIMEOUTS, testOptions, testSeed } from "./helpers.ts";

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer({ seed: testSeed(), sites: 2 });
});
after(() => server.close());

async function inspectHost(host: string, allowPrivate = true) {
  const t0 = performance.now();
  const [r] = await inspectSites({
    sites: [`http://${host}:${server.port}/`],
    asOf: "2026-11-01",
    options: testOptions({ ...SHORT_TIMEOUTS, allowPrivate }),
    resolver: fixtureResolver,
  });
  return { report: r, ms: performance.now() - t0 };
}

test("a stalled connection costs at most its header timeout", async () => {
  const { report, ms } = await inspectHost(HOSTILE.stall);
  assert.equal(report?.checks["site.unreachable"]?.outcome, "fail");
  assert.equal(report?.findings.find((f) => f.check === "site.unreachable")?.error, "timeout");
  // home (0.8 s) + https probe (refused quickly): far below a retry storm.
  assert.ok(ms < 3000, `took ${ms} ms`);
});

test("a never-ending body is cut at the size limit or the total timeout", async () => {
  const { report, ms } = await inspectHost(HOSTILE.endless);
  const err = report?.findings.find((f) => f.check === "site.unreachable")?.error;
  assert.ok(err === "too-large" || err === "timeout", String(err));
  assert.ok(ms < 3500, `took ${ms} ms`);
});

test("a body over the size limit is too-large", async () => {
  const { report } = await inspectHost(HOSTILE.huge);
  assert.equal(report?.findings.find((f) => f.check === "site.unreachable")?.error, "too-large");
});

test("a redirect loop is detected", async () => {
  const { report, ms } = await inspectHost(HOSTILE.loop);
  assert.equal(report?.findings.find((f) => f.check === "site.unreachable")?.error, "redirect-loop");
  assert.ok(ms < 2000);
});

test("address policy: loopback refused unless allowed, also on a redirect", async () => {
  // Every fixture host resolves to 127.0.0.1: without the opt-in, nothing may connect.
  const before = server.requests;
  const direct = await inspectHost("s0.fixture.gov.cn", false);
  assert.equal(direct.report?.findings.find((f) => f.check === "site.unreachable")?.error, "policy-refused");
  assert.equal(server.requests, before, "a refused address was connected to");

  // A host exempted by configuration redirects to 127.0.0.1: the redirect hop is refused.
  const n = server.requests;
  const [r] = await inspectSites({
    sites: [`http://${HOSTILE.toPrivate}:${server.port}/`],
    asOf: "2026-11-01",
    options: testOptions({ ...SHORT_TIMEOUTS, allowPrivate: false, allowHosts: [HOSTILE.toPrivate] }),
    resolver: fixtureResolver,
  });
  assert.equal(r?.findings.find((f) => f.check === "site.unreachable")?.error, "policy-refused");
  assert.equal(server.requests - n, 1, "only the first hop may reach the server");
});
