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
