import { NO_RECORD } from "../artifacts/site-steps.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Check, fromFindings, notApplicable } from "./types.ts";

export const ipv6DnsNoV6: Check = {
  id: "ipv6.dns-no-v6",
  title: bi("域名服务器没有IPv6地址（IPv6域名解析）", "Name servers have no IPv6 address (IPv6 DNS)"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·功能设计：IPv6（国家IPv6监测指标：IPv6域名解析授权）",
      "Deductions, 功能设计: IPv6 (the national IPv6 monitoring's indicator: IPv6 DNS delegation)",
    ),
  },
  description: bi(
    "从网站主机名向上找到有NS记录的域（区），查询其各域名服务器（最多8个）的AAAA记录；没有任何一个有AAAA记录即报告（只有IPv6的访客无法解析该域名），发现项给出区和域名服务器。向上查找不越过 gov.cn、com.cn 等类别域。部分查询因超时等原因失败而其余都没有AAAA记录时为警告；找不到区、网站以IP地址给出或未查询（--allow-private、重放没有记录的存档）时不适用。",
    "From the site's host name upwards, the first name with NS records is its zone; the AAAA records of its name servers (at most 8) are looked up. Reported when none has one (a visitor with IPv6 only cannot resolve the name); the finding gives the zone and its name servers. The walk stops before category domains such as gov.cn and com.cn. A warning when some lookups failed (timeout…) and the others found no AAAA; not applicable when no zone was found, the site is given as an address, or the lookups did not run (--allow-private, an archive without them).",
  ),
  run(site) {
    const d = site.ipv6?.dns;
    if (!d) return notApplicable;
    if (d.zone === null)
      return d.error === "not-a-name" || NO_RECORD.has(d.error ?? "") ? notApplicable : warn;
    if (d.nameservers.length === 0) return warn;
    if (d.nameservers.some((n) => n.addresses.length > 0)) return fromFindings([]);
    if (d.nameservers.some((n) => n.error !== null && !NO_RECORD.has(n.error))) return warn;
    return fromFindings([
      {
        check: "ipv6.dns-no-v6",
        page: site.home.url,
        zone: d.zone,
        nameservers: d.nameservers.map((n) => n.host),
      },
    ]);
  },
};

const warn = { outcome: "warn", findings: [] } as const satisfies ReturnType<Check["run"]>;
