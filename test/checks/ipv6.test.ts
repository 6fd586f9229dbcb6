// The ipv6.* checks through real inspections: one server listening on 127.0.0.1 and ::1 (the same
// port), host names that the run's resolver sends to 127.0.0.1 and a fake AAAA resolver to ::1,
// a fake NS resolver for the zones. What a site answers depends on the address family the request
// came over, so each IPv6 defect is planted on one site.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { completeSite, ipv6Delegation } from "../../src/artifacts/site-steps.ts";
import { ipv6ContentDiffers } from "../../src/checks/ipv6-content-differs.ts";
import { ipv6DnsNoV6 } from "../../src/checks/ipv6-dns-no-v6.ts";
import { ipv6HomeUnreachable } from "../../src/checks/ipv6-home-unreachable.ts";
import { ipv6LinksPartial } from "../../src/checks/ipv6-links-partial.ts";
import { HostGate } from "../../src/crawl/gate.ts";
import { hasGlobalIpv6, probeIpv6 } from "../../src/crawl/site-probes.ts";
import { unsupervised } from "../../src/crawl/site-run.ts";
import { inspectSites, recheckArchive } from "../../src/inspect/inspect.ts";
import type { InspectionReport } from "../../src/inspect/report.ts";
import { testOptions } from "../crawl/helpers.ts";
import { siteOf } from "./support.ts";

/** IPv6 loopback: without it the network tests are skipped, saying why. */
let v6Skip: string | false = false;
let v4Server: Server;
let v6Server: Server;
let port = 0;
/** Requests seen, "v4|v6 host path". */
const seen: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "govscore-ipv6-"));

const LEVEL2 = [1, 2, 3];
const LEVEL3 = [1, 2];
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** What each site does differently over IPv6 (the rest is the same for all sites). */
const V6_DEFECTS: Record<string, (path: string) => { status: number; body: string } | null> = {
  // The homepage is a 503 over IPv6.
  "www.dead.gov.cn": (p) => (p === "/" ? { status: 503, body: page("503", "维护中") } : null),
  // Another title and a page three times the size.
  "www.differs.gov.cn": (p) =>
    p === "/" ? { status: 200, body: page("IPv6 测试页", "<p>测试</p>".repeat(400)) } : null,
  // One second-level page and one third-level page are missing over IPv6.
  "www.partial.gov.cn": (p) =>
    p === "/l2/2.html" || p === "/l3/1-2.html" ? { status: 404, body: page("404", "页面不存在") } : null,
};

function answer(req: IncomingMessage, res: ServerResponse, family: "v4" | "v6"): undefined {
  const host = (req.headers.host ?? "").replace(/:\d+$/, "");
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  seen.push(`${family} ${host} ${path}`);
  const send = (status: number, body: string): undefined => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(body);
  };
  const defect = family === "v6" ? V6_DEFECTS[host]?.(path) : null;
  if (defect) return send(defect.status, defect.body);
  // A counter that differs between answers, as real homepages have: within the size tolerance.
  const stamp = `<p>访问量 ${"9".repeat(seen.length % 7)}</p>`;
  if (path === "/")
    return send(
      200,
      page(
        "某市人民政府",
        `${LEVEL2.map((i) => `<a href="/l2/${i}.html">栏目${i}</a>`).join("")}<p>${"政务公开".repeat(200)}</p>${stamp}`,
      ),
    );
  const l2 = /^\/l2\/(\d+)\.html$/.exec(path);
  if (l2)
    return send(
      200,
      page(`栏目${l2[1]}`, LEVEL3.map((k) => `<a href="/l3/${l2[1]}-${k}.html">文章${k}</a>`).join("")),
    );
  if (/^\/l3\/\d+-\d+\.html$/.test(path)) return send(200, page("文章", "<p>正文</p>"));
  return send(404, page("404", "页面不存在"));
}

before(async () => {
  for (let attempt = 0; attempt < 5 && !port; attempt++) {
    v4Server = createServer((q, r) => answer(q, r, "v4"));
    await new Promise<void>((r) => v4Server.listen(0, "127.0.0.1", () => r()));
    const p = (v4Server.address() as AddressInfo).port;
    v6Server = createServer((q, r) => answer(q, r, "v6"));
    const bound = await new Promise<string | null>((r) => {
      v6Server.once("error", (e: NodeJS.ErrnoException) => r(e.code ?? "error"));
      v6Server.listen(p, "::1", () => r(null));
    });
    if (bound === null) port = p;
    else {
      await new Promise<void>((r) => v4Server.close(() => r()));
      // No IPv6 loopback at all: nothing to retry.
      if (bound !== "EADDRINUSE") {
        v6Skip = `IPv6 loopback (::1) is not available here (${bound}): the IPv6 network tests are skipped`;
        return;
      }
    }
  }
  if (!port) v6Skip = "no port free on both 127.0.0.1 and ::1";
});
after(async () => {
  for (const s of [v4Server, v6Server]) if (s?.listening) await new Promise<void>((r) => s.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const SITES = [
  "www.good.gov.cn",
  "www.dead.gov.cn",
  "www.differs.gov.cn",
  "www.partial.gov.cn",
  "www.nov6dns.gov.cn",
  "www.noaaaa.gov.cn",
];
const url = (host: string) => `http://${host}:${port}/`;

const resolver = async (host: string) => {
  if (host.endsWith(".gov.cn")) return [{ address: "127.0.0.1", family: 4 }];
  throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" });
};
const noRecord = () => Object.assign(new Error("no record"), { code: "ENODATA" });
/** Every site and name server has ::1, except the site without AAAA and the zone whose servers have none. */
const aaaa = async (host: string) => {
  if (host === "www.noaaaa.gov.cn" || /^ns\d\.nov6dns\./.test(host)) throw noRecord();
  return ["::1"];
};
/** Each site is its own zone (`good.gov.cn`…), with two name servers. */
const ns = async (name: string) => {
  const m = /^([a-z0-9]+)\.gov\.cn$/.exec(name);
  if (!m) throw noRecord();
  return [`ns2.${name}`, `ns1.${name}.`];
};

const IPV6_CHECKS = [
  "ipv6.missing",
  "ipv6.home-unreachable",
  "ipv6.dns-no-v6",
  "ipv6.links-partial",
  "ipv6.content-differs",
];
const v6Findings = (r: InspectionReport) =>
  r.findings.filter((f) => IPV6_CHECKS.includes(f.check)).map((f) => ({ ...f }));
const outcomes = (r: InspectionReport) =>
  Object.fromEntries(IPV6_CHECKS.map((id) => [id, r.checks[id]?.outcome]));

test("each IPv6 defect is reported on its site and nowhere else", async (t) => {
  if (v6Skip) return t.skip(v6Skip);
  const reports = await inspectSites({
    sites: SITES.map(url),
    asOf: "2026-11-01",
    options: testOptions({}, { maxPages: 20 }),
    resolver,
    aaaa,
    ns,
    ipv6Fetch: true,
    warcDir: dir,
  });
  const by = Object.fromEntries(SITES.map((h, i) => [h, reports[i] as InspectionReport]));
  const good = by["www.good.gov.cn"] as InspectionReport;
  assert.deepEqual(v6Findings(good), []);
  assert.deepEqual(outcomes(good), {
    "ipv6.missing": "pass",
    "ipv6.home-unreachable": "pass",
    "ipv6.dns-no-v6": "pass",
    "ipv6.links-partial": "pass",
    "ipv6.content-differs": "pass",
  });
  assert.equal(good.facts["ipv6.home.status"], 200);
  assert.equal(good.facts["ipv6.links.level2"], 1);
  assert.equal(good.facts["ipv6.links.level3"], 1);
  // The links were asked over IPv6, the homepage over both families.
  for (const p of ["/", "/l2/1.html", "/l2/3.html", "/l3/1-1.html", "/l3/3-2.html"])
    assert.ok(seen.includes(`v6 www.good.gov.cn ${p}`), p);
  assert.ok(seen.includes("v4 www.good.gov.cn /"));

  assert.deepEqual(v6Findings(by["www.dead.gov.cn"] as InspectionReport), [
    { check: "ipv6.home-unreachable", page: url("www.dead.gov.cn"), addresses: ["::1"], status: 503 },
  ]);
  assert.equal(by["www.dead.gov.cn"]?.checks["ipv6.links-partial"]?.outcome, "not-applicable");
  assert.equal(by["www.dead.gov.cn"]?.checks["ipv6.content-differs"]?.outcome, "not-applicable");

  const differs = v6Findings(by["www.differs.gov.cn"] as InspectionReport);
  assert.equal(differs.length, 1);
  const d = differs[0] as unknown as Record<string, unknown> & {
    v4: { bytes: number };
    v6: { bytes: number };
  };
  assert.deepEqual(
    { ...d, v4: { ...d.v4, bytes: 0 }, v6: { ...d.v6, bytes: 0 } },
    {
      check: "ipv6.content-differs",
      page: url("www.differs.gov.cn"),
      differs: ["title", "size"],
      v4: { title: "某市人民政府", bytes: 0 },
      v6: { title: "IPv6 测试页", bytes: 0 },
    },
  );
  assert.ok(d.v6.bytes > 2 * d.v4.bytes);

  assert.deepEqual(v6Findings(by["www.partial.gov.cn"] as InspectionReport), [
    {
      check: "ipv6.links-partial",
      page: url("www.partial.gov.cn"),
      level: 2,
      sampled: 3,
      ok: 2,
      share: 0.67,
      failed: [{ url: `${url("www.partial.gov.cn")}l2/2.html`, status: 404 }],
    },
    {
      check: "ipv6.links-partial",
      page: url("www.partial.gov.cn"),
      level: 3,
      sampled: 6,
      ok: 5,
      share: 0.83,
      failed: [{ url: `${url("www.partial.gov.cn")}l3/1-2.html`, status: 404 }],
    },
  ]);
  assert.equal(by["www.partial.gov.cn"]?.facts["ipv6.links.level2"], 0.67);

  assert.deepEqual(v6Findings(by["www.nov6dns.gov.cn"] as InspectionReport), [
    {
      check: "ipv6.dns-no-v6",
      page: url("www.nov6dns.gov.cn"),
      zone: "nov6dns.gov.cn",
      nameservers: ["ns1.nov6dns.gov.cn", "ns2.nov6dns.gov.cn"],
    },
  ]);

  const none = by["www.noaaaa.gov.cn"] as InspectionReport;
  assert.deepEqual(
    v6Findings(none).map((f) => f.check),
    ["ipv6.missing"],
  );
  assert.deepEqual(outcomes(none), {
    "ipv6.missing": "fail",
    "ipv6.home-unreachable": "not-applicable",
    // Its zone's name servers do have AAAA records: delegation is a matter of the zone.
    "ipv6.dns-no-v6": "pass",
    "ipv6.links-partial": "not-applicable",
    "ipv6.content-differs": "not-applicable",
  });
  assert.ok(!seen.some((l) => l.startsWith("v6 www.noaaaa.gov.cn")));

  // A recheck restores the DNS answers and the IPv6 fetches from the archive: the same reports.
  const again = await recheckArchive(dir);
  const untimed = (r: InspectionReport) => ({ ...r, startedAt: "", finishedAt: "" });
  assert.deepEqual(again.map(untimed), reports.map(untimed));
});

test("without the IPv6 steps the checks are not applicable", async () => {
  const [r] = await inspectSites({
    sites: [`http://www.good.gov.cn:${port || 9}/`],
    asOf: "2026-11-01",
    options: testOptions({}, { maxPages: 2 }),
    resolver,
  });
  for (const id of IPV6_CHECKS) assert.equal(r?.checks[id]?.outcome, "not-applicable", id);
});

test("IPv6 connections obey the address policy: ::1 is refused and never connected to", async (t) => {
  if (v6Skip) return t.skip(v6Skip);
  const a = siteOf([], { site: url("www.good.gov.cn"), host: "www.good.gov.cn" });
  a.home = { ...a.home, url: url("www.good.gov.cn"), finalUrl: url("www.good.gov.cn") };
  await completeSite(a, {}, aaaa);
  const before = seen.filter((l) => l.startsWith("v6 ")).length;
  const o = testOptions();
  await probeIpv6(a, {
    run: unsupervised(),
    gate: new HostGate(2, 0, 8),
    delayMs: 0,
    retries: 0,
    aaaa,
    fetch: {
      connectTimeoutMs: o.connectTimeoutMs,
      headersTimeoutMs: o.headersTimeoutMs,
      bodyTimeoutMs: o.bodyTimeoutMs,
      totalTimeoutMs: o.totalTimeoutMs,
      maxBodyBytes: o.maxBodyBytes,
      maxRedirects: 5,
      userAgent: "test",
      policy: { allowPrivate: false },
      resolver,
    },
  });
  assert.equal(a.ipv6?.home?.v6.error, "policy-refused");
  assert.equal(a.ipv6?.home?.v4.error, "policy-refused");
  assert.equal(seen.filter((l) => l.startsWith("v6 ")).length, before);
  assert.deepEqual(ipv6HomeUnreachable.run(a).findings, [
    {
      check: "ipv6.home-unreachable",
      page: url("www.good.gov.cn"),
      addresses: ["::1"],
      error: "policy-refused",
    },
  ]);
});

test("the zone is the nearest name with NS records, never a category domain such as gov.cn", async () => {
  const asked: string[] = [];
  const nsOf = (zones: Record<string, string[]>) => async (name: string) => {
    asked.push(name);
    const z = zones[name];
    if (!z) throw noRecord();
    return z;
  };
  const d = await ipv6Delegation("www.sub.city.gov.cn", nsOf({ "city.gov.cn": ["a.dns.cn"] }), async () => [
    "2001:db8::53",
  ]);
  assert.deepEqual(d, {
    zone: "city.gov.cn",
    nameservers: [{ host: "a.dns.cn", addresses: ["2001:db8::53"], error: null }],
    error: null,
  });
  assert.deepEqual(asked, ["www.sub.city.gov.cn", "sub.city.gov.cn", "city.gov.cn"]);
  asked.length = 0;
  const none = await ipv6Delegation("www.x.gov.cn", nsOf({ "gov.cn": ["ns.cnnic.cn"] }), aaaa);
  assert.deepEqual(asked, ["www.x.gov.cn", "x.gov.cn"]);
  assert.equal(none.zone, null);
  assert.equal(
    ipv6DnsNoV6.run(siteOf([], { ipv6: { addresses: [], error: null, dns: none } })).outcome,
    "not-applicable",
  );
  // A lookup that could not be made is a warning, not a finding.
  const timeout = await ipv6Delegation(
    "www.y.gov.cn",
    async () => {
      throw Object.assign(new Error("t"), { code: "ETIMEOUT" });
    },
    aaaa,
  );
  assert.equal(
    ipv6DnsNoV6.run(siteOf([], { ipv6: { addresses: [], error: null, dns: timeout } })).outcome,
    "warn",
  );
  const someFailed = await ipv6Delegation(
    "www.z.gov.cn",
    nsOf({ "z.gov.cn": ["a.z.gov.cn", "b.z.gov.cn"] }),
    async (h) => {
      throw Object.assign(new Error("x"), { code: h.startsWith("a.") ? "ETIMEOUT" : "ENODATA" });
    },
  );
  assert.equal(
    ipv6DnsNoV6.run(siteOf([], { ipv6: { addresses: [], error: null, dns: someFailed } })).outcome,
    "warn",
  );
  // An address has no zone.
  assert.equal((await ipv6Delegation("127.0.0.1", nsOf({}), aaaa)).error, "not-a-name");
});

test("content-differs tolerates a size within 10%; links-partial is not applicable without a sample", () => {
  const fetch = (title: string, bytes: number) => ({
    url: "u",
    finalUrl: "u",
    status: 200,
    error: null,
    title,
    bytes,
  });
  const s = siteOf([], {
    ipv6: { addresses: ["2001:db8::1"], error: null, home: { v4: fetch("a", 1000), v6: fetch(" a ", 1090) } },
  });
  assert.equal(ipv6ContentDiffers.run(s).outcome, "pass");
  s.ipv6 = { addresses: ["2001:db8::1"], error: null, home: { v4: fetch("a", 1000), v6: fetch("a", 1200) } };
  assert.deepEqual(ipv6ContentDiffers.run(s).findings[0]?.differs, ["size"]);
  s.ipv6.links = [];
  assert.equal(ipv6LinksPartial.run(s).outcome, "not-applicable");
});

test("the command fetches over IPv6 only from a machine with a global IPv6 address", () => {
  const nic = (address: string, internal = false) => ({
    address,
    internal,
    family: "IPv6" as const,
    netmask: "ffff:ffff:ffff:ffff::",
    mac: "00:00:00:00:00:00",
    cidr: `${address}/64`,
    scopeid: 0,
  });
  assert.equal(hasGlobalIpv6({ lo: [nic("::1", true)], eth0: [nic("fd00::2"), nic("fe80::1")] }), false);
  assert.equal(hasGlobalIpv6({ eth0: [nic("fe80::1"), nic("2001:db8:1::5")] }), true);
  assert.equal(hasGlobalIpv6({}), false);
});
