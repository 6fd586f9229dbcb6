import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerJiucuoMissing: Check = {
  id: "footer.jiucuo.missing",
  title: bi("缺少“我为政府网站找错”入口", "No error-report (jiucuo) entry"),
  severity: "minor",
  ...homeCheck("footer.jiucuo.missing", (h) => h.entries?.jiucuo === true),
};
