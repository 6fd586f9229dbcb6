import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerJiucuoMissing: Check = {
  id: "footer.jiucuo.missing",
  title: bi("缺少“我为政府网站找错”入口", "No error-report (jiucuo) entry"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi(
      "网页底部：“我为政府网站找错”入口（检查指标“功能设计”同列）",
      "Page footer: the 我为政府网站找错 entry (also in the check list's 功能设计 block)",
    ),
  },
  description: bi(
    "首页没有“我为政府网站找错”入口（链接、图片或脚本）即报告。",
    "Reported when the homepage has no 我为政府网站找错 entry (link, image or script).",
  ),
  ...homeCheck("footer.jiucuo.missing", (h) => h.entries?.jiucuo === true),
};
