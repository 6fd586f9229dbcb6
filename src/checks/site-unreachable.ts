import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, withRecord } from "./types.ts";

/** The catalogue's limit: the homepage must answer 2xx within this time. */
export const UNREACHABLE_MS = 15_000;

export const siteUnreachable: Check = {
  id: "site.unreachable",
  title: bi("网站无法访问", "Site unreachable"),
  severity: "critical",
  rule: { source: "checklist-2019", item: bi("单项否决：站点无法访问", "Single veto: site unreachable") },
  description: bi(
    "首页在15秒内未以2xx状态应答（网络错误、超时、4xx或5xx）即报告。检查指标以一周内多次监测、超时请求占比不低于5%为否决标准；一次检查只能说明当时无法访问，连续监测见 govscore monitor。",
    "Reported when the homepage does not answer with a 2xx status within 15 s (network error, timeout, 4xx or 5xx). The check list vetoes a site after a week of repeated probes with at least 5 % of them unanswered; one inspection only says the site was unreachable at that moment (continuous probing: govscore monitor).",
  ),
  run(site) {
    const h = site.home;
    if (homeReachable(site) && h.ms <= UNREACHABLE_MS) return fromFindings([]);
    const f: Finding = { check: "site.unreachable", page: site.home.url };
    if (h.error) f.error = h.error;
    else if (h.status !== null && (h.status < 200 || h.status >= 300)) f.status = h.status;
    else f.error = "timeout";
    return fromFindings([withRecord(f, h.record)]);
  },
};
