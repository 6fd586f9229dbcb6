import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const httpsNoHsts: Check = {
  id: "https.no-hsts",
  title: bi("未启用HSTS", "No Strict-Transport-Security header"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi("启用HTTP严格传输安全（HSTS，RFC 6797）", "HTTP Strict Transport Security (HSTS, RFC 6797)"),
  },
  description: bi(
    "HTTPS首页的应答没有 max-age 为正数的 Strict-Transport-Security 头即报告。没有HSTS，首次以 http:// 访问的用户可被降级劫持。",
    "Reported when the HTTPS homepage's answer has no Strict-Transport-Security header with a positive max-age. Without it a visitor who first types http:// can be downgraded.",
  ),
  run(site) {
    const s = site.https;
    if (!homeReachable(site) || s === null || s.error !== null || s.status === null || s.status >= 400)
      return notApplicable;
    if (/max-age\s*=\s*[1-9]/i.test(s.headers["strict-transport-security"] ?? "")) return fromFindings([]);
    return fromFindings([withRecord({ check: "https.no-hsts", page: s.finalUrl }, s.record)]);
  },
};
