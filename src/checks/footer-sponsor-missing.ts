import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerSponsorMissing: Check = {
  id: "footer.sponsor.missing",
  title: bi("页脚缺少主办单位", "No sponsoring body in the footer"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi("网页底部：主办单位", "Page footer: sponsoring body (主办单位)"),
  },
  description: bi(
    "首页页脚没有主办单位（“主办单位：…”“主办：…”或“…主办”）即报告。",
    "Reported when the homepage footer names no sponsoring body (主办单位：…, 主办：… or …主办).",
  ),
  ...homeCheck("footer.sponsor.missing", (h) => (h.footer?.sponsor ?? null) !== null),
};
