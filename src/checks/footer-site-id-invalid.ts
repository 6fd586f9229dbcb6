import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { validSiteId } from "./site-id.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const footerSiteIdInvalid: Check = {
  id: "footer.site-id.invalid",
  title: bi("网站标识码格式错误", "Malformed site identification code"),
  severity: "major",
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    const code = home?.footer?.siteIdCode ?? null;
    if (!home || code === null) return notApplicable;
    if (validSiteId(code)) return fromFindings([]);
    return fromFindings([
      withRecord({ check: "footer.site-id.invalid", page: home.url, value: code }, home.record),
    ]);
  },
};
