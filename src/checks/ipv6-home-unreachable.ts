import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable } from "./types.ts";

export const ipv6HomeUnreachable: Check = {
  id: "ipv6.home-unreachable",
  title: bi("首页无法通过IPv6访问", "Homepage not reachable over IPv6"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·功能设计：IPv6（国家IPv6监测指标：首页IPv6可访问）",
      "Deductions, 功能设计: IPv6 (the national IPv6 monitoring's indicator: homepage reachable over IPv6)",
    ),
  },
  description: bi(
    "网站主机有AAAA记录时，只连接这些IPv6地址请求首页（跟随跳转，跳转到的主机也只用其AAAA地址），最终没有2xx应答即报告，发现项给出地址和状态码或失败类别。地址策略同样适用：公开DNS里的内网、回环等地址被拒绝（policy-refused），公众也无法访问，同样报告。没有AAAA记录（见 ipv6.missing）、首页经IPv4也不可访问、或未做IPv6探测（--allow-private、检查所在机器没有公网IPv6地址、重放没有记录的存档）时不适用。",
    "When the site's host has AAAA records, the homepage is requested over those IPv6 addresses only (redirects followed, each host reached by its AAAA addresses only); reported when the final answer is not 2xx; the finding gives the addresses and the status or failure class. The address policy applies: a private or loopback address published in DNS is refused (policy-refused), and the public cannot reach it either, so it is reported too. Not applicable without AAAA records (see ipv6.missing), when the homepage fails over IPv4 as well, or when the IPv6 probes did not run (--allow-private, an inspecting machine without a global IPv6 address, an archive without them).",
  ),
  run(site) {
    const v6 = site.ipv6;
    if (!v6 || v6.addresses.length === 0 || !v6.home || !homeReachable(site)) return notApplicable;
    const h = v6.home.v6;
    if (h.status !== null && h.status >= 200 && h.status < 300) return fromFindings([]);
    const f: Finding = { check: "ipv6.home-unreachable", page: h.url, addresses: v6.addresses };
    if (h.status !== null) f.status = h.status;
    else f.error = h.error;
    if (h.finalUrl !== h.url) f.finalUrl = h.finalUrl;
    return fromFindings([f]);
  },
};
