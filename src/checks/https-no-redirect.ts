import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const httpsNoRedirect: Check = {
  id: "https.no-redirect",
  title: bi("HTTP未跳转至HTTPS", "HTTP does not redirect to HTTPS"),
  severity: "minor",
  rule: { source: "good-practice", item: bi("HTTP访问应跳转至HTTPS", "Plain HTTP should redirect to HTTPS") },
  description: bi(
    "首页的 http:// 地址有应答，但跳转链中没有任何一步跳到 https:// 即报告。http:// 完全不可访问时不适用。",
    "Reported when the http:// homepage answers without any hop of its redirects leading to https://. Not applicable when http:// does not answer at all.",
  ),
  run(site) {
    const h = site.http;
    // No http:// service at all is not this problem.
    if (!homeReachable(site) || h === null || h.error !== null) return notApplicable;
    if (h.redirectedToHttps) return fromFindings([]);
    return fromFindings([withRecord({ check: "https.no-redirect", page: h.url }, h.record)]);
  },
};
