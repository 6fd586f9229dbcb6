import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, notApplicable } from "./types.ts";

/** A certificate that ends within this many days of the as-of date is reported as expiring. */
export const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The chain errors that are not about trust: expiry is judged against the as-of date (below),
 * not against the clock OpenSSL reads.
 */
const DATE_ERRORS = new Set(["CERT_HAS_EXPIRED"]);

export const httpsCertInvalid: Check = {
  id: "https.cert-invalid",
  title: bi("HTTPS证书无效或即将过期", "HTTPS certificate invalid or expiring"),
  severity: "major",
  rule: {
    source: "good-practice",
    item: bi(
      "证书应在有效期内、由受信任的证书机构签发并与域名相符（RFC 5280、RFC 9525）",
      "The certificate is within its validity, issued by a trusted authority and names the host (RFC 5280, RFC 9525)",
    ),
  },
  description: bi(
    "读取 https:// 一侧出示的证书（只读证书、不信任也读，该连接不用于取内容），每类问题一项：已过期（expired，有效期截止早于评估基准日）、即将过期（expiring，截止在基准日后30天内）、域名不符（wrong-host，证书未列出该主机名）、不受信任（untrusted，证书链不能验证到系统根证书或 --ca 给出的证书，如自签名、未知签发者）。只有即将过期时为警告，其他为不通过。https:// 无人监听或握手前即失败时不适用（见 https.missing）。有效期按基准日判断；OpenSSL 对一条证书链只报一个错误，过期且不受信任的证书可能只报告为过期。",
    "Reads the certificate the https:// side presents (read even when not trusted; that connection is never used for content) and reports each kind of problem once: expired (it ends before the as-of date), expiring (it ends within 30 days after it), wrong-host (it does not name the host), untrusted (its chain does not verify to the system's roots or the certificates given with --ca: self-signed, unknown issuer). Expiring alone is a warning, the others fail. Not applicable when nothing listens on https:// or the connection fails before a certificate (see https.missing). Dates are judged against the as-of date; OpenSSL names one error per chain, so an expired certificate that is also untrusted may be reported as expired only.",
  ),
  run(site) {
    const t = site.tls;
    if (!t || t.error !== null) return notApplicable;
    const base = { check: "https.cert-invalid", page: t.url };
    const findings: Finding[] = [];
    const asOf = Date.parse(`${site.asOf}T00:00:00Z`);
    const to = t.validTo ? Date.parse(t.validTo) : Number.NaN;
    if (!Number.isNaN(to) && !Number.isNaN(asOf)) {
      const daysLeft = Math.floor((to - asOf) / DAY_MS);
      if (to < asOf) findings.push({ ...base, problem: "expired", validTo: t.validTo, daysLeft });
      else if (to - asOf < EXPIRING_DAYS * DAY_MS)
        findings.push({ ...base, problem: "expiring", validTo: t.validTo, daysLeft });
    }
    if (t.hostError !== null)
      findings.push({ ...base, problem: "wrong-host", host: t.host, subject: t.subject, san: t.san });
    if (t.authorizationError !== null && !DATE_ERRORS.has(t.authorizationError))
      findings.push({
        ...base,
        problem: "untrusted",
        authorizationError: t.authorizationError,
        issuer: t.issuer,
      });
    const failing = findings.some((f) => f.problem !== "expiring");
    return { outcome: failing ? "fail" : findings.length > 0 ? "warn" : "pass", findings };
  },
};
