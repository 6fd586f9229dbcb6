import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const SITE_META = ["SiteName", "SiteDomain", "SiteIDCode"] as const;

export const metaSiteMissing: Check = {
  id: "meta.site.missing",
  title: bi("首页缺少网站元数据", "Homepage lacks site meta tags"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi(
      "页面元数据：网站（SiteName、SiteDomain、SiteIDCode）",
      "Page meta tags: site (SiteName, SiteDomain, SiteIDCode)",
    ),
  },
  description: bi(
    "首页缺少 SiteName、SiteDomain 或 SiteIDCode 元数据即报告，发现项列出所缺。",
    "Reported when the homepage lacks the SiteName, SiteDomain or SiteIDCode meta tag; the finding lists the missing ones.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    if (!home) return notApplicable;
    const missing = SITE_META.filter((k) => !home.meta[k.toLowerCase()]?.trim());
    if (missing.length === 0) return fromFindings([]);
    return fromFindings([withRecord({ check: "meta.site.missing", page: home.url, missing }, home.record)]);
  },
};
