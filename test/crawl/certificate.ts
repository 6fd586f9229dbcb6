import { generate } from "selfsigned";

/**
 * A self-signed certificate for the fixture hosts, made afresh for each test run so that no key
 * lives in the repository. It names the fixture domains by wildcard and 127.0.0.1.
 */
export async function fixtureCertificate(): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: "fixture.gov.cn" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 3600_000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "*.fixture.gov.cn" },
          { type: 2, value: "*.fixture-org.cn" },
          { type: 2, value: "*.fixture-ext.cn" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A certificate authority made for the run: trusted only where a test names it (`extraCa`, `--ca`). */
export async function testAuthority(name = "govscore test CA"): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: "commonName", value: name }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 90 * 86_400_000),
    notAfterDate: new Date(now + 365 * 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * A server certificate for `names` (host names, or addresses), valid from `from` to `to`, issued
 * by `ca` or, without one, self-signed.
 */
export async function serverCertificate(o: {
  names: string[];
  from: Date;
  to: Date;
  ca?: { key: string; cert: string };
}): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: "commonName", value: o.names[0] ?? "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: o.from,
    notAfterDate: o.to,
    ...(o.ca ? { ca: o.ca } : {}),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: o.names.map((n) =>
          /^[\d.]+$|:/.test(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n },
        ),
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
