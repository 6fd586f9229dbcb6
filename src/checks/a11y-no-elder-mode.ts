import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const a11yNoElderMode: Check = {
  id: "a11y.no-elder-mode",
  title: bi("首页缺少无障碍或适老化入口", "No accessibility or elderly mode entry"),
  severity: "minor",
  rule: {
    source: "ageing-2020",
    item: bi("显眼的无障碍/长者模式入口", "A visible accessibility or elder-mode entry"),
  },
  description: bi(
    "首页没有无障碍、适老化或长者模式入口（链接、按钮或工具条脚本）即报告。",
    "Reported when the homepage has no 无障碍, 适老化 or 长者模式 entry (a link, a button or a toolbar script).",
  ),
  ...homeCheck("a11y.no-elder-mode", (h) => h.entries?.elder === true),
};
