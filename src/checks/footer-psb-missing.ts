import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerPsbMissing: Check = {
  id: "footer.psb.missing",
  title: bi("页脚缺少公安机关备案号", "No public security registration number"),
  severity: "minor",
  ...homeCheck("footer.psb.missing", (h) => (h.footer?.psb ?? null) !== null),
};
