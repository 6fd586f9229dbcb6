import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const metaSiteIdMismatch: Check = {
  id: "meta.site-id.mismatch",
  title: bi("SiteIDCode元数据与页脚标识码不一致", "SiteIDCode meta differs from the footer code"),
  severity: "minor",
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
