import type { Ipv6Link } from "../artifacts/types.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, notApplicable } from "./types.ts";

const works = (l: Ipv6Link) => l.status !== null && l.status >= 200 && l.status < 300;

export const ipv6LinksPartial: Check = {
  id: "ipv6.links-partial",
  title: bi(
    "二级、三级链接不能全部通过IPv6访问",
    "Second- and third-level links not all reachable over IPv6",
  ),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·功能设计：IPv6（国家IPv6监测指标：二级、三级链接IPv6支持度）",
      "Deductions, 功能设计: IPv6 (the national IPv6 monitoring's indicator: IPv6 support of second- and third-level links)",
    ),
  },
  description: bi(
    "首页能通过IPv6访问时，从抓取中经IPv4应答2xx的二级页面（首页直接链接的）和三级页面（再下一层的）中各均匀抽取至多10个，只通过IPv6地址再次请求；某一级有页面没有2xx应答即报告，每级一项，给出抽样数、成功数、比例和失败的页面。参考资料未给出该指标的合格线，本检查要求经IPv4可用的页面经IPv6也全部可用；比例也写入事实 ipv6.links.level2、ipv6.links.level3，评估框架可自定门槛。首页不能通过IPv6访问（见 ipv6.home-unreachable）、没有二级页面或未做IPv6探测时不适用。",
    "When the homepage answers over IPv6, up to 10 second-level pages (linked from the homepage) and 10 third-level pages (one step further) that answered 2xx in the crawl are picked evenly and requested again over IPv6 addresses only; reported, once per level, when a page of that level does not answer 2xx, with the pages sampled, those that worked, the share and the pages that failed. The project's references name the indicator but give no threshold: this check asks that every page that works over IPv4 works over IPv6 too; the shares are also the facts ipv6.links.level2 and ipv6.links.level3, for frameworks to set their own threshold. Not applicable when the homepage is not reachable over IPv6 (see ipv6.home-unreachable), there is no second-level page, or the IPv6 probes did not run.",
  ),
  run(site) {
    const links = site.ipv6?.links;
    if (!links || links.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const level of [2, 3] as const) {
      const sampled = links.filter((l) => l.level === level);
      const ok = sampled.filter(works).length;
      if (ok === sampled.length) continue;
      findings.push({
        check: "ipv6.links-partial",
        page: site.home.url,
        level,
        sampled: sampled.length,
        ok,
        share: Math.round((ok / sampled.length) * 100) / 100,
        failed: sampled
          .filter((l) => !works(l))
          .map((l) =>
            l.status !== null ? { url: l.url, status: l.status } : { url: l.url, error: l.error },
          ),
      });
    }
    return fromFindings(findings);
  },
};

/** The share of a level's sampled links that worked over IPv6; null when none was sampled. */
export function ipv6LinkShare(links: readonly Ipv6Link[] | undefined, level: 2 | 3): number | null {
  const sampled = (links ?? []).filter((l) => l.level === level);
  if (sampled.length === 0) return null;
  return Math.round((sampled.filter(works).length / sampled.length) * 100) / 100;
}
