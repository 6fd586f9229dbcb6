import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** 互动回应差 (veto): no 留言 / 咨询 / 信箱 channel reachable from the homepage. */
export const interactionMissing: Check = {
  id: "interaction.missing",
  title: bi("缺少在线咨询或建言渠道", "No online consultation or suggestion channel"),
  severity: "critical",
  rule: {
    source: "checklist-2019",
    item: bi(
      "单项否决：互动回应差（无可用的在线咨询建言渠道）",
      "Single veto: poor interaction (no working consultation or suggestion channel)",
    ),
  },
  description: bi(
    "首页及其直接下级页面都没有留言、咨询、信箱等渠道，也没有留言板即报告。",
    "Reported when neither the homepage nor the pages it links directly offer a 留言, 咨询 or 信箱 channel or show a message board.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    if (!home) return notApplicable;
    const c = siteContent(site);
    const near = [home, ...c.pages.filter((p) => p.depth === 1)];
    if (near.some((p) => p.entries?.interaction === true || (p.messages ?? []).length > 0))
      return fromFindings([]);
    return fromFindings([withRecord({ check: "interaction.missing", page: home.url }, home.record)]);
  },
};
