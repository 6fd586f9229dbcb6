import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const metaSiteIdMismatch: Check = {
  id: "meta.site-id.mismatch",
  title: bi("SiteIDCode元数据与页脚标识码不一致", "SiteIDCode meta differs from the footer code"),
  severity: "minor",
  rule: { source: "guideline-2017", item: bi("页面元数据：SiteIDCode", "Page meta tags: SiteIDCode") },
  description: bi(
    "首页的 SiteIDCode 元数据与页脚网站标识码都存在但不一致即报告，发现项给出两个值。",
    "Reported when the homepage's SiteIDCode meta tag and its footer code are both present and differ; the finding gives both.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    const footer = home?.footer?.siteIdCode ?? null;
    const meta = home?.meta.siteidcode?.trim() || null;
    if (!home || footer === null || meta === null) return notApplicable;
    if (footer.toLowerCase() === meta.toLowerCase()) return fromFindings([]);
    return fromFindings([
      withRecord({ check: "meta.site-id.mismatch", page: home.url, meta, footer }, home.record),
    ]);
  },
};
