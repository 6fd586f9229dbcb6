import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const searchMissing: Check = {
  id: "search.missing",
  title: bi("首页缺少站内搜索", "No site search on the homepage"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi("扣分指标·功能设计：搜索", "Deductions, 功能设计: site search"),
  },
  description: bi(
    "首页没有站内搜索（搜索表单、搜索框或指向搜索页的链接）即报告。搜索能否找到站内内容不在此检查之列。",
    "Reported when the homepage has no site search (a search form, a search box or a link to a search page). Whether the search finds what the site holds is not checked here.",
  ),
  ...homeCheck("search.missing", (h) => h.entries?.search === true),
};
