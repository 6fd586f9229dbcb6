import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { validSiteId } from "./site-id.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const footerSiteIdInvalid: Check = {
  id: "footer.site-id.invalid",
  title: bi("网站标识码格式错误", "Malformed site identification code"),
  severity: "major",
  rule: {
    source: "guideline-2017",
    item: bi(
      "网站标识码（官方格式未见于参考资料，按实际网站推断：6位行政区划代码加4位序号，或 bm 加8位数字）",
      "Site identification code (no official format text in the references; inferred from real sites: a 6-digit division code and 4 digits, or bm and 8 digits)",
    ),
  },
  description: bi(
    "首页的网站标识码既不是前6位为现行或历史GB/T 2260行政区划代码的10位数字，也不是 bm 加8位数字即报告，发现项给出读到的值。",
    "Reported when the homepage's code is neither 10 digits whose first 6 are a current or past GB/T 2260 division code nor bm followed by 8 digits; the finding gives the value read.",
  ),
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
