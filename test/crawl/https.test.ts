import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, test } from "node:test";
import { type FixtureServer, fixtureResolver, startFixtureServer } from "../../fixtures/server.ts";
import { inspectSites } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { fixtureCertificate } from "./certificate.ts";
import { testOptions, testSeed } from "./helpers.ts";

// The https.* checks over real TLS: fixture sites served on 127.0.0.1 with a certificate made
// for this run, which the crawler trusts only because the options name it.
const seed = testSeed();
let cert: { key: string; cert: string };
let stranger: { key: string; cert: string };
const servers: FixtureServer[] = [];

before(async () => {
  [cert, stranger] = await Promise.all([fixtureCertificate(), fixtureCertificate()]);
});
after(() => Promise.all(servers.map((s) => s.close())));

async function serve(https?: { redirectHttp: boolean; hsts: boolean }): Promise<FixtureServer> {
  const s = await startFixtureServer({
    seed,
    sites: 1,
    ...(https ? { https: { ...cert, ...https } } : {}),
  });
  servers.push(s);
  return s;
}

/** A port nothing listens on: what an http-only site has where https would be. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function inspect(
  site: string,
  probe: { http: string; https: string },
  extraCa: string[] | undefined,
): Promise<InspectionReport> {
  const [r] = await inspectSites({
    sites: [site],
    asOf: "2026-11-01",
    options: testOptions(extraCa ? { extraCa } : {}, { maxPages: 12 }),
    resolver: fixtureResolver,
    schemeProbe: () => probe,
  });
  return r as InspectionReport;
}

const outcomes = (r: InspectionReport) =>
  Object.fromEntries(
    ["https.missing", "https.no-redirect", "https.no-hsts"].map((id) => [id, r.checks[id]?.outcome]),
  );

test(`an http-only site fails https.missing (seed ${seed})`, async () => {
  const s = await serve();
  const r = await inspect(
    s.url(0),
    { http: s.url(0), https: `https://s0.fixture.gov.cn:${await closedPort()}/` },
    [cert.cert],
  );
  assert.equal(r.checks["site.unreachable"]?.outcome, "pass");
  assert.equal(r.checks["https.missing"]?.outcome, "fail");
  assert.equal(r.findings.find((f) => f.check === "https.missing")?.page, s.url(0));
  // Nothing answered over https, so there is no header to judge.
  assert.equal(r.checks["https.no-hsts"]?.outcome, "not-applicable");
});

test("an https site whose http:// does not redirect fails https.no-redirect only", async () => {
  const s = await serve({ redirectHttp: false, hsts: true });
  const r = await inspect(s.httpsUrl(0), { http: s.url(0), https: s.httpsUrl(0) }, [cert.cert]);
  assert.deepEqual(outcomes(r), {
    "https.missing": "pass",
    "https.no-redirect": "fail",
    "https.no-hsts": "pass",
  });
  assert.equal(r.findings.find((f) => f.check === "https.no-redirect")?.page, s.url(0));
  // The crawl itself went over TLS.
  assert.ok(r.pages.fetched > 5, `fetched ${r.pages.fetched}`);
  assert.ok(s.log.filter((l) => l.startsWith("GET ")).length > 5);
});

test("an https site without Strict-Transport-Security fails https.no-hsts only", async () => {
  const s = await serve({ redirectHttp: true, hsts: false });
  const r = await inspect(s.httpsUrl(0), { http: s.url(0), https: s.httpsUrl(0) }, [cert.cert]);
  assert.deepEqual(outcomes(r), {
    "https.missing": "pass",
    "https.no-redirect": "pass",
    "https.no-hsts": "fail",
  });
});

test("a site that redirects to https and sends HSTS passes all three", async () => {
  const s = await serve({ redirectHttp: true, hsts: true });
  // Given as http://: the homepage is reached through the redirect.
  const r = await inspect(s.url(0), { http: s.url(0), https: s.httpsUrl(0) }, [cert.cert]);
  assert.deepEqual(outcomes(r), {
    "https.missing": "pass",
    "https.no-redirect": "pass",
    "https.no-hsts": "pass",
  });
  assert.ok(r.pages.fetched > 5, `fetched ${r.pages.fetched}`);
});

test("a certificate the crawler does not trust fails as tls", async () => {
  const s = await serve({ redirectHttp: true, hsts: true });
  const probe = { http: s.url(0), https: s.httpsUrl(0) };
  // Trusting another certificate, or only the system's roots, does not make this one trusted.
  for (const extraCa of [[stranger.cert], undefined]) {
    const before = s.requests;
    const r = await inspect(s.httpsUrl(0), probe, extraCa);
    assert.equal(r.checks["site.unreachable"]?.outcome, "fail");
    assert.equal(r.findings.find((f) => f.check === "site.unreachable")?.error, "tls");
    // The http:// side redirects there too: the redirect is seen, the target refused.
    assert.equal(r.checks["https.missing"]?.outcome, "not-applicable");
    // Only the http:// probe was answered: no request got through the refused handshake.
    assert.equal(s.requests - before, 1);
  }
});
