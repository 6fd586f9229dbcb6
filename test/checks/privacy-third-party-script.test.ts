import assert from "node:assert/strict";
import { test } from "node:test";
import { privacyThirdPartyScript } from "../../src/checks/privacy-third-party-script.ts";
import { knownThirdParty, thirdPartyHosts } from "../../src/checks/third-party-hosts.ts";
import { buildReport } from "../../src/inspect/report.ts";
import { HOME, pageFrom, portal, siteOf } from "./support.ts";

const U = (p: string) => new URL(p, HOME).href;

const TRACKED = portal("<p>首页</p>", {
  head: `<script src="https://s4.cnzz.com/z_stat.php?id=1000&web_id=1000"></script>
<script src="//js.users.51.la/21.js"></script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
<script src="/js/jquery.min.js"></script>
<script src="https://api.map.baidu.com/api?v=3.0"></script>
<script src="https://www.example.gov.cn/js/own.js"></script>`,
});

test("the host list: every entry has a vendor, a category and a source; subdomains match, look-alikes do not", () => {
  assert.ok(thirdPartyHosts().length >= 10);
  for (const h of thirdPartyHosts())
    assert.ok(h.vendor && h.source && /^(analytics|ads)$/.test(h.category), h.host);
  assert.equal(knownThirdParty("s95.cnzz.com")?.host, "cnzz.com");
  assert.equal(knownThirdParty("HM.BAIDU.COM")?.vendor, "百度统计 (Baidu Tongji)");
  assert.equal(knownThirdParty("notcnzz.com"), undefined);
  assert.equal(knownThirdParty("api.map.baidu.com"), undefined);
  assert.equal(knownThirdParty("cnzz.com.example.cn"), undefined);
});

test("privacy.third-party-script: one finding per known host, with vendor and page count; a warning, never a failure", () => {
  const s = siteOf([pageFrom(HOME, TRACKED, 0), pageFrom(U("/a/1.html"), TRACKED, 1)]);
  const r = privacyThirdPartyScript.run(s);
  assert.equal(r.outcome, "warn");
  assert.deepEqual(
    r.findings.map((f) => [f.host, f.category, f.page, f.pages]),
    [
      ["js.users.51.la", "analytics", HOME, 2],
      ["s4.cnzz.com", "analytics", HOME, 2],
      ["www.googletagmanager.com", "analytics", HOME, 2],
    ],
  );
  assert.equal(privacyThirdPartyScript.severity, "info");
  const report = buildReport(s, "a", "b");
  assert.equal(report.checks["privacy.third-party-script"]?.outcome, "warn");
  assert.equal(report.checks["privacy.third-party-script"]?.count, 3);
});

test("privacy.third-party-script: the site's own scripts, maps and links to analytics sites are not listed", () => {
  const clean = portal(
    `<a href="https://tongji.baidu.com/">百度统计</a><img src="https://hm.baidu.com/hm.gif" alt="">`,
    {
      head: `<script src="/js/app.js"></script><script src="https://www.example.gov.cn/js/b.js"></script>
<script src="https://api.map.baidu.com/api?v=3.0"></script>`,
    },
  );
  const r = privacyThirdPartyScript.run(siteOf([pageFrom(HOME, clean, 0)]));
  assert.equal(r.outcome, "pass");
  assert.deepEqual(r.findings, []);
});

test("privacy.third-party-script: not applicable without a page read", () => {
  assert.equal(privacyThirdPartyScript.run(siteOf([])).outcome, "not-applicable");
});
