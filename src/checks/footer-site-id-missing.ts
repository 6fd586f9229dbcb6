import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerSiteIdMissing: Check = {
  id: "footer.site-id.missing",
  title: bi("页脚缺少网站标识码", "No site identification code in the footer"),
  severity: "major",
  rule: {
    source: "guideline-2017",
    item: bi("网页底部：网站标识码", "Page footer: site identification code (网站标识码)"),
  },
  description: bi(
    "首页不显示网站标识码即报告。由脚本绘制的页脚不在静态HTML中，读作缺失；启用浏览器检查时改从渲染后的首页读取（报告附注 footer-rendered 说明）。",
    "Reported when the homepage shows no 网站标识码. A footer drawn by a script is not in the static HTML and reads as missing, unless the browser pass runs and reads it from the rendered homepage (the report's footer-rendered note says so).",
  ),
  ...homeCheck("footer.site-id.missing", (h) => (h.footer?.siteIdCode ?? null) !== null),
};
