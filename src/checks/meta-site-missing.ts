import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const SITE_META = ["SiteName", "SiteDomain", "SiteIDCode"] as const;

export const metaSiteMissing: Check = {
  id: "meta.site.missing",
  title: bi("首页缺少网站元数据", "Homepage lacks site meta tags"),
  severity: "minor",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    if (!home) return notApplicable;
    const missing = SITE_META.filter((k) => !home.meta[k.toLowerCase()]?.trim());
    if (missing.length === 0) return fromFindings([]);
    return fromFindings([withRecord({ check: "meta.site.missing", page: home.url, missing }, home.record)]);
  },
};
