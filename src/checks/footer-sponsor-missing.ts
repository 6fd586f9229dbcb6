import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerSponsorMissing: Check = {
  id: "footer.sponsor.missing",
  title: bi("页脚缺少主办单位", "No sponsoring body in the footer"),
  severity: "minor",
  ...homeCheck("footer.sponsor.missing", (h) => (h.footer?.sponsor ?? null) !== null),
};
