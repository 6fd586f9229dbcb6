import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const httpsMissing: Check = {
  id: "https.missing",
  title: bi("未提供HTTPS访问", "Not served over HTTPS"),
  severity: "major",
  rule: {
    source: "good-practice",
    item: bi("以HTTPS提供服务（RFC 2818）", "Serve the site over HTTPS (RFC 2818)"),
  },
  description: bi(
    "对首页的 https:// 地址请求无低于400的应答即报告：无人监听、证书不受信任（自签名、过期、域名不符）或返回错误状态。证书始终按系统根证书校验。",
    "Reported when the https:// homepage gets no answer below 400: nothing listening, a certificate that does not verify (self-signed, expired, wrong name) or an error status. Certificates are always verified against the system's roots.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const s = site.https;
    const ok = s !== null && s.error === null && s.status !== null && s.status < 400;
    if (ok) return fromFindings([]);
    const f = { check: "https.missing", page: site.home.url };
    return fromFindings([withRecord(f, s?.record)]);
  },
};
