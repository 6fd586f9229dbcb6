import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const SLOW_MS = 3_000;

export const siteSlow: Check = {
  id: "site.slow",
  title: bi("首页访问缓慢", "Homepage slow"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi(
      "首页应在3秒内完成加载（用户体验的通行标准；检查指标的否决线为15秒）",
      "The homepage should arrive within 3 s (common usability practice; the check list's veto line is 15 s)",
    ),
  },
  description: bi(
    "首页从发出请求到收完内容（含跳转）超过3秒即报告，发现项给出实测毫秒数。只测一次，受当时网络状况影响。",
    "Reported when the homepage takes more than 3 s from request to last byte, redirects included; the finding gives the measured milliseconds. Measured once, so it depends on the network at that moment.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    if (site.home.ms <= SLOW_MS) return fromFindings([]);
    return fromFindings([
      withRecord({ check: "site.slow", page: site.home.url, ms: site.home.ms }, site.home.record),
    ]);
  },
};
