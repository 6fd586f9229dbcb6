import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerContactMissing: Check = {
  id: "footer.contact.missing",
  title: bi("页脚缺少联系方式", "No contact in the footer"),
  severity: "minor",
  ...homeCheck("footer.contact.missing", (h) => (h.footer?.contact ?? null) !== null),
};
