import type { SiteArtifacts } from "../artifacts/types.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/**
 * The https:// URL and port the `https.*` checks rest on: the homepage when it is https or
 * redirects there, else the probe of the same host on 443 (see the crawler's `otherSchemeUrl`).
 */
export function httpsProbed(site: SiteArtifacts): { url: string; port: number } | null {
  const o = site.https;
  if (!o) return null;
  const url = o.url.startsWith("https:") ? o.url : o.finalUrl;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:") return null;
    return { url: u.href, port: u.port === "" ? 443 : Number(u.port) };
  } catch {
    return null;
  }
}

/** The site's own port when it is not its scheme's default (`http://host:8080/` → 8080). */
function ownPort(site: SiteArtifacts): number | null {
  try {
    const p = new URL(site.home.url).port;
    return p === "" ? null : Number(p);
  } catch {
    return null;
  }
}

export const httpsMissing: Check = {
  id: "https.missing",
  title: bi("未提供HTTPS访问", "Not served over HTTPS"),
  severity: "major",
  rule: {
    source: "good-practice",
    item: bi("以HTTPS提供服务（RFC 2818）", "Serve the site over HTTPS (RFC 2818)"),
  },
  description: bi(
    "对首页的 https:// 地址请求无低于400的应答即报告：无人监听、证书不受信任（自签名、过期、域名不符）或返回错误状态。证书始终按系统根证书（及 --ca 给出的证书）校验，证书本身的问题见 https.cert-invalid。",
    "Reported when the https:// homepage gets no answer below 400: nothing listening, a certificate that does not verify (self-signed, expired, wrong name) or an error status. Certificates are always verified against the system's roots (and those given with --ca); what is wrong with the certificate itself is https.cert-invalid's.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const s = site.https;
    const ok = s !== null && s.error === null && s.status !== null && s.status < 400;
    if (ok) return fromFindings([]);
    const f: Finding = { check: "https.missing", page: site.home.url };
    // A site on a port of its own was probed on another one: say which.
    const probed = httpsProbed(site);
    if (ownPort(site) !== null && probed) {
      f.probed = probed.url;
      f.port = probed.port;
    }
    return fromFindings([withRecord(f, s?.record)]);
  },
};
