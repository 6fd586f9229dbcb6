import { bi } from "../i18n/bilingual.ts";
import { knownThirdParty } from "./third-party-hosts.ts";
import { type Check, type Finding, homeReachable, notApplicable, readPages, withRecord } from "./types.ts";

/**
 * Scripts of analytics and advertising companies: for information, so that a site knows whom its
 * visitors' browsing is reported to. Never a failure: frameworks do not deduct for it.
 */
export const privacyThirdPartyScript: Check = {
  id: "privacy.third-party-script",
  title: bi("加载第三方统计或广告脚本", "Third-party analytics or advertising scripts"),
  severity: "info",
  rule: {
    source: "good-practice",
    item: bi(
      "访客数据不应在不知情时交给第三方；政府网站应清楚自己加载了哪些统计和广告脚本",
      "Visitors' data should not go to third parties unawares: a government site should know which analytics and ad scripts it loads",
    ),
  },
  description: bi(
    "页面以 <script src> 从已知的第三方统计或广告主机（src/checks/data/third-party-hosts.yaml，含来源）加载脚本即列出，每个主机一项，发现项给出服务商、类别、首个页面和页面数。仅供参考（结果为 warn），不扣分。由内联代码动态插入的脚本（如百度统计的标准代码）在静态HTML中看不到。",
    "Listed when pages load a <script src> from a known third-party analytics or advertising host (src/checks/data/third-party-hosts.yaml, with sources), one finding per host giving the vendor, category, first page and number of pages. For information only (outcome warn), never deducted. Scripts that inline code inserts at run time (such as Baidu Tongji's standard snippet) are not in the static HTML and are not seen.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const read = readPages(site);
    if (read.length === 0) return notApplicable;
    const byHost = new Map<string, { finding: Finding; pages: Set<string> }>();
    for (const p of [...read].sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : 1))) {
      for (const host of p.scriptHosts ?? []) {
        const known = knownThirdParty(host);
        if (!known) continue;
        let e = byHost.get(host);
        if (!e) {
          const finding = withRecord(
            {
              check: "privacy.third-party-script",
              page: p.url,
              host,
              vendor: known.vendor,
              category: known.category,
            },
            p.record,
          );
          e = { finding, pages: new Set() };
          byHost.set(host, e);
        }
        e.pages.add(p.url);
      }
    }
    const findings = [...byHost.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ ...e.finding, pages: e.pages.size }));
    return { outcome: findings.length > 0 ? "warn" : "pass", findings };
  },
};
