import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerConacMissing: Check = {
  id: "footer.conac.missing",
  title: bi("缺少党政机关网站标识", "No CONAC government-site badge"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi(
      "网站开设前：党政机关网站标识；网页底部：党政机关标识",
      "Before going live: Party and government website mark; page footer: the mark",
    ),
  },
  description: bi(
    "首页没有党政机关网站标识（链接到CONAC的红色标识、其图片或脚本）即报告。",
    "Reported when the homepage has no 党政机关网站标识 (the red badge linking to CONAC, its image or its script).",
  ),
  ...homeCheck("footer.conac.missing", (h) => h.entries?.conac === true),
};
