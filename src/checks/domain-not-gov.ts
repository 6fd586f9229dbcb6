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
  run(site) {
    if (isGovHost(site.host)) return fromFindings([]);
    return fromFindings([{ check: "domain.not-gov", host: site.host }]);
  },
};
