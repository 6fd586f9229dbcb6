import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const a11yNoElderMode: Check = {
  id: "a11y.no-elder-mode",
  title: bi("首页缺少无障碍或适老化入口", "No accessibility or elderly mode entry"),
  severity: "minor",
  ...homeCheck("a11y.no-elder-mode", (h) => h.entries?.elder === true),
};
