import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerIcpMissing: Check = {
  id: "footer.icp.missing",
  title: bi("页脚缺少ICP备案号", "No ICP registration number"),
  severity: "minor",
  ...homeCheck("footer.icp.missing", (h) => (h.footer?.icp ?? null) !== null),
};
