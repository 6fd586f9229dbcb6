// https.cert-invalid through real inspections: an https server per certificate on 127.0.0.1, the
// certificates made for the run by a test CA (trusted only where the test says so) or self-signed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpsServer, type Server } from "node:https";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { HostGate } from "../../src/crawl/gate.ts";
import { readCertificate } from "../../src/crawl/site-probes.ts";
import { unsupervised } from "../../src/crawl/site-run.ts";
import { inspectSites, recheckArchive } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { serverCertificate, testAuthority } from "../crawl/certificate.ts";
import { testOptions } from "../crawl/helpers.ts";

const HOST = "www.cert.gov.cn";
const DAY = 86_400_000;
// The as-of date is today: OpenSSL judges the chain by the clock, the check by the as-of date.
const AS_OF = new Date().toISOString().slice(0, 10);
const asOfMs = Date.parse(`${AS_OF}T00:00:00Z`);

type Case = "valid" | "expiring" | "expired" | "wrong-host" | "self-signed";
interface Served {
  server: Server;
  port: number;
  /** HTTP requests answered (none may come over a connection that only read the certificate). */
  requests: number;
  /** TCP connections accepted. */
  connections: number;
  validTo: Date;
}
const served = new Map<Case, Served>();
let ca: { key: string; cert: string };
let closedPort: number;
const dir = mkdtempSync(join(tmpdir(), "govscore-cert-"));

const resolver = async (host: string) => {
  if (host.endsWith(".gov.cn")) return [{ address: "127.0.0.1", family: 4 }];
  throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
};

before(async () => {
  ca = await testAuthority();
  const now = Date.now();
  const plans: Record<Case, { names: string[]; from: number; to: number; ca: boolean }> = {
    valid: { names: [HOST], from: now - DAY, to: now + 300 * DAY, ca: true },
    expiring: { names: [HOST], from: now - 80 * DAY, to: now + 10 * DAY, ca: true },
    expired: { names: [HOST], from: now - 90 * DAY, to: now - 2 * DAY, ca: true },
    "wrong-host": { names: ["other.example.gov.cn"], from: now - DAY, to: now + 300 * DAY, ca: true },
    "self-signed": { names: [HOST], from: now - DAY, to: now + 300 * DAY, ca: false },
  };
  for (const [k, p] of Object.entries(plans) as [Case, (typeof plans)[Case]][]) {
    const pems = await serverCertificate({
      names: p.names,
      from: new Date(p.from),
      to: new Date(p.to),
      ...(p.ca ? { ca } : {}),
    });
    const s: Served = {
      server: null as unknown as Server,
      port: 0,
      requests: 0,
      connections: 0,
      validTo: new Date(p.to),
    };
    s.server = createHttpsServer(pems, (req, res) => {
      s.requests++;
      const home = req.url === "/";
      res.writeHead(home ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      res.end(
        home ? "<html><head><title>证书测试</title></head><body>首页</body></html>" : "<title>404</title>",
      );
    });
    s.server.on("connection", () => s.connections++);
    s.server.on("tlsClientError", () => {});
    await new Promise<void>((r) => s.server.listen(0, "127.0.0.1", () => r()));
    s.port = (s.server.address() as AddressInfo).port;
    served.set(k, s);
  }
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  closedPort = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
});
after(async () => {
  for (const s of served.values()) {
    s.server.closeAllConnections();
    await new Promise<void>((r) => s.server.close(() => r()));
  }
  rmSync(dir, { recursive: true, force: true });
});

const siteOf = (k: Case) => `https://${HOST}:${(served.get(k) as Served).port}/`;

async function inspect(
  cases: Case[],
  extraCa: string[] | null,
  warcDir?: string,
): Promise<InspectionReport[]> {
  return inspectSites({
    sites: cases.map(siteOf),
    asOf: AS_OF,
    options: testOptions(extraCa ? { extraCa } : {}, { maxPages: 3 }),
    resolver,
    // The http:// side is a port nothing listens on.
    schemeProbe: (site) => ({ http: `http://${HOST}:${closedPort}/`, https: site }),
    warcDir: warcDir ?? null,
  });
}

const certFindings = (r: InspectionReport) =>
  r.findings.filter((f) => f.check === "https.cert-invalid").map(({ check, ...rest }) => rest);

const daysLeft = (k: Case) => Math.floor(((served.get(k) as Served).validTo.getTime() - asOfMs) / DAY);
/** The validity end as the report gives it: to the second, as the certificate holds it. */
const validTo = (k: Case) =>
  new Date(Math.floor((served.get(k) as Served).validTo.getTime() / 1000) * 1000).toISOString();

test("each kind of certificate problem is one finding; a valid certificate of a trusted CA has none", async () => {
  const cases: Case[] = ["valid", "expiring", "expired", "wrong-host", "self-signed"];
  const reports = await inspect(cases, [ca.cert], dir);
  const by = Object.fromEntries(cases.map((k, i) => [k, reports[i] as InspectionReport])) as Record<
    Case,
    InspectionReport
  >;

  assert.deepEqual(certFindings(by.valid), []);
  assert.equal(by.valid.checks["https.cert-invalid"]?.outcome, "pass");
  assert.equal(by.valid.facts["tls.issuer"], "govscore test CA");
  assert.equal(by.valid.facts["tls.authorizationError"], null);
  assert.equal(by.valid.facts["tls.validTo"], validTo("valid"));

  assert.deepEqual(certFindings(by.expiring), [
    {
      page: siteOf("expiring"),
      problem: "expiring",
      validTo: validTo("expiring"),
      daysLeft: daysLeft("expiring"),
    },
  ]);
  assert.ok(daysLeft("expiring") >= 9 && daysLeft("expiring") <= 10);
  // Expiring alone is a warning; the site itself is fine.
  assert.equal(by.expiring.checks["https.cert-invalid"]?.outcome, "warn");
  assert.equal(by.expiring.checks["site.unreachable"]?.outcome, "pass");

  assert.deepEqual(certFindings(by.expired), [
    {
      page: siteOf("expired"),
      problem: "expired",
      validTo: validTo("expired"),
      daysLeft: daysLeft("expired"),
    },
  ]);
  assert.ok(daysLeft("expired") < 0);
  assert.equal(by.expired.checks["https.cert-invalid"]?.outcome, "fail");
  assert.equal(by.expired.facts["tls.authorizationError"], "CERT_HAS_EXPIRED");

  assert.deepEqual(certFindings(by["wrong-host"]), [
    {
      page: siteOf("wrong-host"),
      problem: "wrong-host",
      host: HOST,
      subject: "other.example.gov.cn",
      san: ["DNS:other.example.gov.cn"],
    },
  ]);
  assert.deepEqual(certFindings(by["self-signed"]), [
    {
      page: siteOf("self-signed"),
      problem: "untrusted",
      authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT",
      issuer: HOST,
    },
  ]);

  // The crawl refused the bad certificates (the sites are unreachable as tls), yet each was read
  // (above), and the connection that read it carried no request.
  for (const k of ["expired", "wrong-host", "self-signed"] as const) {
    assert.equal(by[k].findings.find((f) => f.check === "site.unreachable")?.error, "tls", k);
    assert.equal(served.get(k)?.requests, 0, `${k}: a request went over an untrusted connection`);
  }
  assert.ok((served.get("valid")?.requests ?? 0) > 0);

  // A recheck restores the certificate from the archive: the same reports, no network.
  const again = await recheckArchive(dir);
  const untimed = (r: InspectionReport) => ({ ...r, startedAt: "", finishedAt: "" });
  assert.deepEqual(again.map(untimed), reports.map(untimed));
});

test("a CA the inspection is not told to trust makes a valid certificate untrusted", async () => {
  const [r] = await inspect(["valid"], null);
  assert.deepEqual(certFindings(r as InspectionReport), [
    {
      page: siteOf("valid"),
      problem: "untrusted",
      authorizationError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      issuer: "govscore test CA",
    },
  ]);
});

test("a site with nothing on https:// has no certificate to judge", async () => {
  const [r] = await inspectSites({
    sites: [`http://${HOST}:${closedPort}/`],
    asOf: AS_OF,
    options: testOptions({}, { maxPages: 1 }),
    resolver,
  });
  assert.equal(r?.checks["https.cert-invalid"]?.outcome, "not-applicable");
  assert.equal(r?.facts["tls.validTo"], null);
});

test("the certificate probe obeys the address policy: a refused address is never connected to", async () => {
  const s = served.get("valid") as Served;
  const before = s.connections;
  const base = testOptions();
  const facts = await readCertificate(siteOf("valid"), {
    run: unsupervised(),
    gate: new HostGate(2, 0, 8),
    delayMs: 0,
    retries: 0,
    fetch: {
      connectTimeoutMs: base.connectTimeoutMs,
      headersTimeoutMs: base.headersTimeoutMs,
      bodyTimeoutMs: base.bodyTimeoutMs,
      totalTimeoutMs: base.totalTimeoutMs,
      maxBodyBytes: base.maxBodyBytes,
      maxRedirects: 5,
      userAgent: "test",
      policy: { allowPrivate: false },
      resolver,
      extraCa: [ca.cert],
    },
  });
  assert.equal(facts.error, "policy-refused");
  assert.equal(facts.validTo, null);
  assert.equal(s.connections, before);
});
