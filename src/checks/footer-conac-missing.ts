import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const footerConacMissing: Check = {
  id: "footer.conac.missing",
  title: bi("缺少党政机关网站标识", "No CONAC government-site badge"),
  severity: "minor",
  ...homeCheck("footer.conac.missing", (h) => h.entries?.conac === true),
};
