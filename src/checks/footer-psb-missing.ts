import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerPsbMissing: Check = {
  id: "footer.psb.missing",
  title: bi("页脚缺少公安机关备案号", "No public security registration number"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi(
      "网站开设前：公安机关备案；网页底部：公安机关备案标识",
      "Before going live: public-security filing; page footer: its mark",
    ),
  },
  description: bi(
    "首页页脚没有公安机关备案号（如“琼公网安备 46010802000004号”）即报告。",
    "Reported when the homepage footer shows no public-security filing number (such as 琼公网安备 46010802000004号).",
  ),
  ...homeCheck("footer.psb.missing", (h) => (h.footer?.psb ?? null) !== null),
};
