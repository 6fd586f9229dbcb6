import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerIcpMissing: Check = {
  id: "footer.icp.missing",
  title: bi("页脚缺少ICP备案号", "No ICP registration number"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi(
      "网站开设前：ICP备案；网页底部：ICP备案号",
      "Before going live: ICP filing; page footer: ICP number",
    ),
  },
  description: bi(
    "首页页脚没有ICP备案号（如“琼ICP备05000041号-1”）即报告。",
    "Reported when the homepage footer shows no ICP filing number (such as 琼ICP备05000041号-1).",
  ),
  ...homeCheck("footer.icp.missing", (h) => (h.footer?.icp ?? null) !== null),
};
