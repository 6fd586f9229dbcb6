import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerSiteIdMissing: Check = {
  id: "footer.site-id.missing",
  title: bi("页脚缺少网站标识码", "No site identification code in the footer"),
  severity: "major",
  ...homeCheck("footer.site-id.missing", (h) => (h.footer?.siteIdCode ?? null) !== null),
};
