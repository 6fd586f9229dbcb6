import { domainToUnicode } from "node:url";
import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings } from "./types.ts";

/** Host under gov.cn or the .政务 TLD (punycode xn--zfr164b). */
export function isGovHost(host: string): boolean {
  const h = domainToUnicode(host.toLowerCase().replace(/\.$/, "")) || host.toLowerCase();
  return (
    h === "gov.cn" ||
    h.endsWith(".gov.cn") ||
    h.endsWith(".政务") ||
    host.toLowerCase().endsWith(".xn--zfr164b")
  );
}

export const domainNotGov: Check = {
  id: "domain.not-gov",
  title: bi("未使用政府网站域名", "Domain not under gov.cn"),
  severity: "major",
  rule: {
    source: "guideline-2017",
    item: bi(
      "网站域名：使用 gov.cn（或中文“.政务”）域名",
      "Domain names: under gov.cn (or the Chinese .政务 domain)",
    ),
  },
  description: bi(
    "网站主机名不在 gov.cn 或“.政务”之下即报告，发现项给出主机名。检查指标“功能设计”一项同样检查域名规范。",
    "Reported when the site's host is not under gov.cn or .政务; the finding names the host. The check list's 功能设计 block checks domain names too.",
  ),
  run(site) {
    if (isGovHost(site.host)) return fromFindings([]);
    return fromFindings([{ check: "domain.not-gov", host: site.host }]);
  },
};
