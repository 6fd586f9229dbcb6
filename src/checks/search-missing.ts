import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const searchMissing: Check = {
  id: "search.missing",
  title: bi("首页缺少站内搜索", "No site search on the homepage"),
  severity: "minor",
  ...homeCheck("search.missing", (h) => h.entries?.search === true),
};
