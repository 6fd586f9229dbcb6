import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
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
