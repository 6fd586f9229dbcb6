import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import fc from "fast-check";
import { request } from "undici";
import { assertAllowed, forbiddenRange, PolicyError } from "../../src/crawl/address-policy.ts";
import { createDispatcher, type FetchOptions, fetchFollow, fetchOnce } from "../../src/crawl/fetch.ts";

test("forbidden ranges, IPv4 and IPv6", () => {
  for (const a of [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe",
  ])
    assert.notEqual(forbiddenRange(a), null, a);
  for (const a of ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2400:3200::1", "::ffff:8.8.8.8", "1.0.0.1"])
    assert.equal(forbiddenRange(a), null, a);
});

test("assertAllowed throws a clear PolicyError, or lets through when allowed", () => {
  assert.throws(
    () => assertAllowed("meta", "169.254.169.254", { allowPrivate: false }),
    (e: unknown) => {
      assert.ok(e instanceof PolicyError);
      assert.match((e as Error).message, /169\.254\.169\.254.*allow-private/);
      return true;
    },
  );
  assertAllowed("x", "127.0.0.1", { allowPrivate: true });
});

test("resolved names, IP literals and [::1] are refused before any connection", async () => {
  let hits = 0;
  const srv = createServer((_q, s) => {
    hits++;
    s.end("ok");
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as AddressInfo).port;
  let calls = 0;
  // Names are resolved inside the connect hook and that very answer is checked and used. (A true
  // rebinding test would need a public first answer, and tests never send traffic off loopback.)
  const o: FetchOptions = {
    connectTimeoutMs: 500,
    headersTimeoutMs: 500,
    bodyTimeoutMs: 500,
    totalTimeoutMs: 1000,
    maxBodyBytes: 1000,
    maxRedirects: 3,
    userAgent: "t",
    policy: { allowPrivate: false },
    resolver: async () =>
      calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "127.0.0.1", family: 4 }],
  };
  const d = createDispatcher(o);
  await assert.rejects(
    fetchOnce(`http://rebind.example:${port}/`, "GET", o, d),
    (e: { failure?: string }) => e.failure === "policy-refused",
  );
  await assert.rejects(
    fetchOnce(`http://127.0.0.1:${port}/`, "GET", o, d),
    (e: { failure?: string }) => e.failure === "policy-refused",
  );
  await assert.rejects(
    fetchFollow(`http://[::1]:${port}/`, "GET", 3, (u, m) => fetchOnce(u, m, o, d)),
    (e: { failure?: string }) => e.failure === "policy-refused",
  );
  assert.equal(hits, 0);
  assert.ok(calls >= 1, "the resolver was not consulted");
  await d.close();
  srv.close();
});

// The IANA special-purpose registries, written out here independently of the module under test.
const FORBIDDEN_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];
const v4Int = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const v4Text = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
const inV4 = (n: number, [base, bits]: [string, number]) =>
  Math.floor(n / 2 ** (32 - bits)) === Math.floor(v4Int(base) / 2 ** (32 - bits));
const hex = (n: number) => n.toString(16);

const forbiddenV4 = fc
  .tuple(fc.constantFrom(...FORBIDDEN_V4), fc.nat({ max: 0xffffffff }))
  .map(([[base, bits], r]) => v4Int(base) + (bits === 32 ? 0 : r % 2 ** (32 - bits)));
const publicV4 = fc.nat({ max: 0xffffffff }).filter((n) => !FORBIDDEN_V4.some((r) => inV4(n, r)));

/** The IPv6 forms that carry an IPv4 address, each written as an address a URL or DNS gives. */
const FORMS: Record<string, (v4: number, rnd: number) => string> = {
  "ipv4-mapped dotted": (v4) => `::ffff:${v4Text(v4)}`,
  "ipv4-mapped hex": (v4) => `::ffff:${hex(v4 >>> 16)}:${hex(v4 & 0xffff)}`,
  "6to4": (v4, rnd) => `2002:${hex(v4 >>> 16)}:${hex(v4 & 0xffff)}:${hex(rnd & 0xffff)}::${hex(rnd >>> 16)}`,
  nat64: (v4) => `64:ff9b::${hex(v4 >>> 16)}:${hex(v4 & 0xffff)}`,
  // Teredo: a public server (4.2.2.2), flags, the port and the client's IPv4 inverted.
  teredo: (v4, rnd) =>
    `2001:0:402:202:8000:${hex(rnd & 0xffff)}:${hex((~v4 >>> 16) & 0xffff)}:${hex(~v4 & 0xffff)}`,
};

test("every forbidden IPv4 range is refused, bare and in each IPv6 form that embeds it", () => {
  fc.assert(
    fc.property(forbiddenV4, fc.nat({ max: 0xffffffff }), (v4, rnd) => {
      assert.notEqual(forbiddenRange(v4Text(v4)), null, v4Text(v4));
      for (const [form, write] of Object.entries(FORMS)) {
        const a = write(v4, rnd);
        assert.notEqual(forbiddenRange(a), null, `${form} ${a}`);
        assert.throws(() => assertAllowed("h", a, { allowPrivate: false }), PolicyError);
      }
    }),
    { numRuns: 2000 },
  );
});

test("public IPv4 addresses are allowed, bare and in each IPv6 form", () => {
  fc.assert(
    fc.property(publicV4, fc.nat({ max: 0xffffffff }), (v4, rnd) => {
      assert.equal(forbiddenRange(v4Text(v4)), null, v4Text(v4));
      for (const [form, write] of Object.entries(FORMS)) {
        const a = write(v4, rnd);
        assert.equal(forbiddenRange(a), null, `${form} ${a}`);
      }
    }),
    { numRuns: 2000 },
  );
});

test("random global unicast IPv6 addresses are allowed", () => {
  // 2000::/3 minus the special ranges inside it (2001::/23, 2001:db8::/32, 2002::/16, 3fff::/20).
  const special = (g0: number, g1: number) =>
    (g0 === 0x2001 && g1 < 0x200) ||
    (g0 === 0x2001 && g1 === 0xdb8) ||
    g0 === 0x2002 ||
    (g0 === 0x3fff && g1 < 0x1000);
  const global = fc
    .tuple(
      fc.integer({ min: 0x2000, max: 0x3fff }),
      fc.array(fc.nat({ max: 0xffff }), { minLength: 7, maxLength: 7 }),
    )
    .filter(([g0, rest]) => !special(g0, rest[0] ?? 0))
    .map(([g0, rest]) => [g0, ...rest].map(hex).join(":"));
  fc.assert(
    fc.property(global, (a) => {
      assert.equal(forbiddenRange(a), null, a);
    }),
    { numRuns: 2000 },
  );
});

test("special-purpose IPv6 ranges are refused", () => {
  for (const a of [
    "::ffff:0:a00:1",
    "::127.0.0.1",
    "100::1",
    "fec0::1",
    "ff02::1",
    "fe80::1%eth0",
    "64:ff9b:1::a00:1",
    "64:ff9b:1:ffff::1",
    "2001:2::1",
    "2001:10::1",
    "2001:20::1",
    "2001:30::1",
    "2001:db8::1",
    "3fff::1",
    "2001:1::1",
    "5f00::1",
    "4000::1",
    "2002:7f00:1::",
    "2002:c0a8:101::1",
    "2002:a9fe:a9fe::",
    // A Teredo address whose server is private.
    "2001:0:a00:1:8000:1:f7f7:f7f7",
  ])
    assert.notEqual(forbiddenRange(a), null, a);
  for (const a of [
    "255.255.255.255",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "192.88.99.1",
    "198.19.255.255",
  ])
    assert.notEqual(forbiddenRange(a), null, a);
  for (const a of ["192.31.196.1", "2620:4f:8000::1", "2400:3200::1", "2002:808:808::1", "64:ff9b::808:808"])
    assert.equal(forbiddenRange(a), null, a);
  assert.equal(forbiddenRange("127.1"), "not-an-ip");
  assert.equal(forbiddenRange("example.org"), "not-an-ip");
});

test("allowEndpoints lets through exactly the address:port pairs named", () => {
  const p = { allowPrivate: false, allowEndpoints: ["127.0.0.1:8080", "[::1]:8081"] };
  assertAllowed("x", "127.0.0.1", p, 8080);
  assertAllowed("x", "::1", p, 8081);
  assert.throws(() => assertAllowed("x", "127.0.0.1", p, 8081), PolicyError);
  assert.throws(() => assertAllowed("x", "127.0.0.1", p), PolicyError);
  assert.throws(() => assertAllowed("x", "::ffff:127.0.0.1", p, 8080), PolicyError);
  assert.throws(() => assertAllowed("x", "127.0.0.2", p, 8080), PolicyError);
});

test("redirects to a private address spelled in any form are refused at each hop and at connect time", async () => {
  const hits: string[] = [];
  const other = createServer((q, s) => {
    hits.push(`other ${q.url}`);
    s.end("secret");
  });
  await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
  const otherPort = (other.address() as AddressInfo).port;
  const loopback = 0x7f000001;
  const targets: Record<string, string> = {
    "other port": `http://127.0.0.1:${otherPort}/`,
    decimal: `http://2130706433:${otherPort}/`,
    "ipv6 loopback": `http://[::1]:${otherPort}/`,
    ...Object.fromEntries(
      Object.entries(FORMS).map(([form, write]) => [
        form,
        `http://[${write(loopback, 0x1234)}]:${otherPort}/`,
      ]),
    ),
    "name to mapped": `http://mapped.example:${otherPort}/`,
    "name to 6to4": `http://sixtofour.example:${otherPort}/`,
    "name to nat64": `http://nat64.example:${otherPort}/`,
    "name to teredo": `http://teredo.example:${otherPort}/`,
    "name to cgnat": `http://cgnat.example:${otherPort}/`,
  };
  const names: Record<string, string> = {
    "mapped.example": "::ffff:127.0.0.1",
    "sixtofour.example": "2002:7f00:1::1",
    "nat64.example": "64:ff9b::7f00:1",
    "teredo.example": "2001:0:402:202:8000:0:80ff:fffe",
    "cgnat.example": "100.64.0.1",
  };
  let location = "";
  const start = createServer((q, s) => {
    hits.push(`start ${q.url}`);
    s.writeHead(302, { location }).end();
  });
  await new Promise<void>((r) => start.listen(0, "127.0.0.1", () => r()));
  const port = (start.address() as AddressInfo).port;
  const o: FetchOptions = {
    connectTimeoutMs: 500,
    headersTimeoutMs: 500,
    bodyTimeoutMs: 500,
    totalTimeoutMs: 1000,
    maxBodyBytes: 1000,
    maxRedirects: 3,
    userAgent: "t",
    // Only the test's start server is let through.
    policy: { allowPrivate: false, allowEndpoints: [`127.0.0.1:${port}`] },
    resolver: async (host) => {
      const address = names[host];
      if (!address) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      return [{ address, family: address.includes(":") ? 6 : 4 }];
    },
  };
  const d = createDispatcher(o);
  try {
    for (const [form, target] of Object.entries(targets)) {
      location = target;
      await assert.rejects(
        fetchFollow(`http://127.0.0.1:${port}/start`, "GET", 3, (u, m) => fetchOnce(u, m, o, d)),
        (e: { failure?: string }) => e.failure === "policy-refused",
        form,
      );
    }
    // The connector itself refuses, whatever checked the URL before it (or did not).
    for (const [form, target] of Object.entries(targets)) {
      await assert.rejects(
        request(target, { dispatcher: d }),
        (e: unknown) => e instanceof PolicyError,
        form,
      );
    }
    assert.equal(hits.filter((h) => h.startsWith("other")).length, 0, hits.join(", "));
    assert.equal(hits.length, Object.keys(targets).length);
  } finally {
    await d.close();
    start.close();
    other.close();
  }
});
