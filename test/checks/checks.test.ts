import assert from "node:assert/strict";
import { test } from "node:test";
import type { FetchOutcome, LinkArtifact, PageArtifact, SiteArtifacts } from "../../src/artifacts/types.ts";
import { attachmentBroken } from "../../src/checks/attachment-broken.ts";
import { CHECKS } from "../../src/checks/catalogue.ts";
import { charsetMismatch } from "../../src/checks/charset-mismatch.ts";
import { domainNotGov, isGovHost } from "../../src/checks/domain-not-gov.ts";
import { httpsMissing } from "../../src/checks/https-missing.ts";
import { httpsNoHsts } from "../../src/checks/https-no-hsts.ts";
import { httpsNoRedirect } from "../../src/checks/https-no-redirect.ts";
import { imageBroken } from "../../src/checks/image-broken.ts";
import { linkBroken } from "../../src/checks/link-broken.ts";
import { linkBrokenExternal } from "../../src/checks/link-broken-external.ts";
import { siteSlow } from "../../src/checks/site-slow.ts";
import { siteUnreachable } from "../../src/checks/site-unreachable.ts";
import { buildReport } from "../../src/inspect/report.ts";

const HOME = "https://www.hainan.gov.cn/";
const BASE_CHECKS = [
  "site.unreachable",
  "site.slow",
  "https.missing",
  "https.no-redirect",
  "https.no-hsts",
  "domain.not-gov",
  "link.broken",
  "link.broken-external",
  "image.broken",
  "attachment.broken",
  "charset.mismatch",
];
const NATIONAL_CHECKS = [
  "ipv6.missing",
  "home.stale",
  "column.stale",
  "column.empty",
  "content.undated",
  "footer.site-id.missing",
  "footer.site-id.invalid",
  "meta.site-id.mismatch",
  "footer.icp.missing",
  "footer.psb.missing",
  "footer.conac.missing",
  "footer.jiucuo.missing",
  "footer.sponsor.missing",
  "footer.contact.missing",
  "meta.site.missing",
  "meta.column.missing",
  "meta.article.missing",
  "search.missing",
  "mobile.no-viewport",
  "a11y.no-elder-mode",
  "wording.outdated-name",
  "wording.flagged",
  "interaction.missing",
  "interaction.unanswered",
  "service.missing",
  "service.guide-incomplete",
];

function outcome(over: Partial<FetchOutcome> = {}): FetchOutcome {
  return {
    url: HOME,
    finalUrl: HOME,
    status: 200,
    error: null,
    ms: 120,
    headers: { "strict-transport-security": "max-age=31536000" },
    redirects: 0,
    redirectedToHttps: false,
    record: "<urn:uuid:home>",
    ...over,
  };
}

function page(url: string, over: Partial<PageArtifact> = {}): PageArtifact {
  return {
    url,
    status: 200,
    error: null,
    record: `<urn:uuid:${url}>`,
    contentType: "text/html",
    depth: 1,
    charset: { used: "utf-8", source: "header", header: "utf-8", meta: "utf-8", clean: true },
    title: "t",
    meta: {},
    ...over,
  };
}

function link(
  target: string,
  kind: LinkArtifact["kind"],
  status: number | null,
  pages: string[],
  error: LinkArtifact["error"] = null,
): LinkArtifact {
  return { target, kind, tags: ["a"], pages, status, error, record: `<urn:uuid:${target}>` };
}

function site(over: Partial<SiteArtifacts> = {}): SiteArtifacts {
  return {
    site: HOME,
    host: "www.hainan.gov.cn",
    asOf: "2026-11-01",
    home: outcome(),
    http: outcome({ url: "http://www.hainan.gov.cn/", redirectedToHttps: true, redirects: 1 }),
    https: outcome(),
    pages: [page(HOME, { depth: 0 })],
    links: [],
    counts: { fetched: 1, failed: 0, skipped: 0 },
    notes: [],
    ...over,
  };
}

test("catalogue: unique ids, bilingual titles, severities", () => {
  const ids = CHECKS.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  // Every id of the catalogue (../shared/reference/checks.md) that static HTML can decide.
  for (const id of [...BASE_CHECKS, ...NATIONAL_CHECKS]) assert.ok(ids.includes(id), id);
  for (const c of CHECKS) {
    assert.match(c.title.zh, /[\u4e00-\u9fff]/, c.id);
    assert.match(c.title.en, /[a-z]/i, c.id);
    assert.ok(["critical", "major", "minor", "info"].includes(c.severity));
  }
});

test("a healthy site passes every check", () => {
  const r = buildReport(site(), "a", "b");
  // This homepage carries no content facts: the check-list checks have nothing to go on.
  for (const [id, c] of Object.entries(r.checks))
    if (BASE_CHECKS.includes(id)) assert.equal(c.outcome, "pass", id);
    else if (NATIONAL_CHECKS.includes(id)) assert.equal(c.outcome, "not-applicable", id);
    else assert.notEqual(c.outcome, "fail", id);
  assert.deepEqual(r.findings, []);
});

test("site.unreachable: network error, 5xx, 4xx; others become not-applicable", () => {
  const down = site({ home: outcome({ status: null, error: "dns", record: null }) });
  assert.deepEqual(siteUnreachable.run(down).findings, [
    { check: "site.unreachable", page: HOME, error: "dns" },
  ]);
  assert.equal(siteUnreachable.run(site({ home: outcome({ status: 503 }) })).findings[0]?.status, 503);
  assert.equal(siteUnreachable.run(site({ home: outcome({ status: 404 }) })).outcome, "fail");
  assert.equal(siteUnreachable.run(site({ home: outcome({ ms: 16_000 }) })).outcome, "fail");
  assert.equal(linkBroken.run(down).outcome, "not-applicable");
  assert.equal(siteSlow.run(down).outcome, "not-applicable");
});

test("site.slow over 3 s, with ms", () => {
  assert.equal(siteSlow.run(site({ home: outcome({ ms: 3000 }) })).outcome, "pass");
  const f = siteSlow.run(site({ home: outcome({ ms: 4200 }) })).findings[0];
  assert.equal(f?.ms, 4200);
  assert.equal(f?.record, "<urn:uuid:home>");
});

test("https checks", () => {
  const noTls = site({
    https: outcome({ status: null, error: "tls" }),
    home: outcome({ url: "http://x.gov.cn/" }),
  });
  assert.equal(httpsMissing.run(noTls).outcome, "fail");
  assert.equal(httpsNoHsts.run(noTls).outcome, "not-applicable");
  assert.equal(httpsMissing.run(site()).outcome, "pass");
  assert.equal(
    httpsNoRedirect.run(site({ http: outcome({ url: "http://x/", redirectedToHttps: false }) })).outcome,
    "fail",
  );
  assert.equal(
    httpsNoRedirect.run(site({ http: outcome({ status: null, error: "refused" }) })).outcome,
    "not-applicable",
  );
  assert.equal(httpsNoHsts.run(site({ https: outcome({ headers: {} }) })).outcome, "fail");
  assert.equal(
    httpsNoHsts.run(site({ https: outcome({ headers: { "strict-transport-security": "max-age=0" } }) }))
      .outcome,
    "fail",
  );
});

test("domain.not-gov", () => {
  assert.ok(isGovHost("www.hainan.gov.cn"));
  assert.ok(isGovHost("gov.cn"));
  assert.ok(isGovHost("xn--fiqs8s.xn--zfr164b"));
  assert.ok(!isGovHost("hainan.gov.cn.evil.com"));
  assert.ok(!isGovHost("govcn.com"));
  assert.deepEqual(domainNotGov.run(site({ host: "www.hnzx.org.cn" })).findings, [
    { check: "domain.not-gov", host: "www.hnzx.org.cn" },
  ]);
});

test("link checks: one finding per page where the broken target appears, by kind", () => {
  const p1 = `${HOME}a.html`;
  const p2 = `${HOME}b.html`;
  const s = site({
    links: [
      link(`${HOME}gone.html`, "page", 404, [p1, p2]),
      link(`${HOME}ok.html`, "page", 200, [p1]),
      link(`${HOME}x.png`, "image", 500, [p2]),
      link(`${HOME}f.pdf`, "attachment", null, [p1], "timeout"),
      link("https://dead.example.cn/", "external", 410, [p2]),
      link(`${HOME}app.js`, "resource", 404, [p1]),
      link(`${HOME}moved.html`, "page", 301, [p1]),
    ],
  });
  const lb = linkBroken.run(s).findings;
  assert.deepEqual(
    lb.map((f) => [f.page, f.target, f.status]),
    [
      [p1, `${HOME}app.js`, 404],
      [p1, `${HOME}gone.html`, 404],
      [p2, `${HOME}gone.html`, 404],
    ],
  );
  assert.equal(lb[0]?.record, `<urn:uuid:${HOME}app.js>`);
  assert.deepEqual(
    imageBroken.run(s).findings.map((f) => f.status),
    [500],
  );
  assert.deepEqual(
    attachmentBroken.run(s).findings.map((f) => [f.error, f.status]),
    [["timeout", undefined]],
  );
  assert.deepEqual(
    linkBrokenExternal.run(s).findings.map((f) => f.page),
    [p2],
  );
});

test("charset.mismatch: header vs meta, unclean bytes, BOM against declaration; GB family agrees", () => {
  const cs = (c: NonNullable<PageArtifact["charset"]>) =>
    charsetMismatch.run(site({ pages: [page(HOME, { charset: c })] }));
  assert.equal(
    cs({ used: "gbk", source: "header", header: "gbk", meta: "gb2312", clean: true }).outcome,
    "pass",
  );
  assert.equal(
    cs({ used: "utf-8", source: "header", header: "utf-8", meta: "gbk", clean: true }).outcome,
    "fail",
  );
  const f = cs({ used: "utf-8", source: "header", header: "utf-8", meta: null, clean: false }).findings[0];
  assert.equal(f?.declared, "utf-8");
  assert.equal(f?.invalidBytes, true);
  assert.equal(
    cs({ used: "utf-16le", source: "bom", header: null, meta: "gb2312", clean: true }).outcome,
    "fail",
  );
  assert.equal(
    cs({ used: "gb18030", source: "sniff", header: null, meta: null, clean: true }).outcome,
    "pass",
  );
});
