// `--ca FILE`: extra CA certificates for the HTTPS fetches and the certificate check, through the
// real command against an https server whose certificate a test CA issued.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { CliError, ExitCode } from "../../src/cli/exit-codes.ts";
import { caCertificates, engineOptionsFrom } from "../../src/cli/inspect-flags.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { serverCertificate, testAuthority } from "../crawl/certificate.ts";
import { runCli } from "../support/run-cli.ts";

const HOST = "www.ca-flag.gov.cn";
let dir: string;
let server: Server;
let site: string;
let caFile: string;
let ca: { key: string; cert: string };
let other: { key: string; cert: string };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "govscore-ca-"));
  [ca, other] = await Promise.all([testAuthority(), testAuthority("another test CA")]);
  const now = Date.now();
  const pems = await serverCertificate({
    names: [HOST],
    from: new Date(now - 86_400_000),
    to: new Date(now + 200 * 86_400_000),
    ca,
  });
  server = createServer(pems, (req, res) => {
    res.writeHead(req.url === "/" ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end("<html><head><title>首页</title></head><body>首页</body></html>");
  });
  server.on("tlsClientError", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  site = `https://${HOST}:${(server.address() as AddressInfo).port}/`;
  caFile = join(dir, "cas.pem");
  // Two CAs in one file: both are trusted.
  await writeFile(caFile, `# intranet CAs\n${other.cert}\n${ca.cert}`);
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dir, { recursive: true, force: true });
});

function refused(f: () => unknown, pattern: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof CliError);
    assert.equal(e.exitCode, ExitCode.invalidInput);
    assert.match(e.message, pattern);
    return true;
  });
}

test("a --ca file gives its certificates; a missing, empty or broken file is an error naming it", async () => {
  assert.equal(caCertificates(caFile).length, 2);
  assert.deepEqual(engineOptionsFrom({ ca: [caFile] }).extraCa, [other.cert.trim(), ca.cert.trim()]);
  assert.equal(engineOptionsFrom({}).extraCa, undefined);
  const missing = join(dir, "missing.pem");
  refused(() => caCertificates(missing), /missing\.pem/);
  const empty = join(dir, "empty.pem");
  await writeFile(empty, "not a certificate\n");
  refused(() => caCertificates(empty), /empty\.pem/);
  const broken = join(dir, "broken.pem");
  await writeFile(broken, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  refused(() => caCertificates(broken), /broken\.pem/);
});

const ARGS = () => [
  "inspect",
  "--json",
  "--no-a11y",
  "--allow-private",
  "--max-pages",
  "2",
  "--resolve",
  `${HOST}=127.0.0.1`,
];

test("govscore inspect --ca trusts the file's CAs for the crawl and the certificate check", async () => {
  const trusted = await runCli([...ARGS(), "--ca", caFile, site]);
  assert.equal(trusted.code, 0, trusted.stderr);
  const [r] = JSON.parse(trusted.stdout) as InspectionReport[];
  assert.equal(r?.checks["site.unreachable"]?.outcome, "pass");
  assert.equal(r?.checks["https.cert-invalid"]?.outcome, "pass");
  assert.equal(r?.facts["tls.issuer"], "govscore test CA");

  const untrusted = await runCli([...ARGS(), site]);
  assert.equal(untrusted.code, 0, untrusted.stderr);
  const [u] = JSON.parse(untrusted.stdout) as InspectionReport[];
  assert.equal(u?.findings.find((f) => f.check === "site.unreachable")?.error, "tls");
  assert.deepEqual(
    u?.findings.filter((f) => f.check === "https.cert-invalid").map((f) => [f.problem, f.authorizationError]),
    [["untrusted", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]],
  );

  const missing = await runCli([...ARGS(), "--ca", join(dir, "nope.pem"), site], { GOVSCORE_LANG: "en" });
  assert.equal(missing.code, ExitCode.invalidInput);
  assert.match(missing.stderr, /--ca file cannot be read: .*nope\.pem/);
});
