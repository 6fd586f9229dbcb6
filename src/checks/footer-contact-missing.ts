import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerContactMissing: Check = {
  id: "footer.contact.missing",
  title: bi("页脚缺少联系方式", "No contact in the footer"),
  severity: "minor",
  rule: { source: "guideline-2017", item: bi("网页底部：联系方式", "Page footer: contact details") },
  description: bi(
    "首页页脚没有电话或电子邮件即报告。",
    "Reported when the homepage footer gives neither a phone number nor an e-mail address.",
  ),
  ...homeCheck("footer.contact.missing", (h) => (h.footer?.contact ?? null) !== null),
};
