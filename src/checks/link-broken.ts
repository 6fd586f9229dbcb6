import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const linkBroken: Check = {
  id: "link.broken",
  title: bi("站内链接不可用", "Broken link within the site"),
  severity: "major",
  rule: { source: "good-practice", item: bi("站内链接应可用", "Links within the site should work") },
  description: bi(
    "抓取页面上指向本站页面、脚本或样式表的链接应答4xx/5xx或请求失败即报告，每个出现该链接的页面一项。未请求的目标（超出限额、robots.txt禁止）不报告：未知不等于失效。",
    "Reported when a link from a crawled page to a page, script or stylesheet of the same site answers 4xx/5xx or fails, once per page it appears on. Targets never requested (beyond limits, disallowed by robots.txt) are not reported: unknown is not broken.",
  ),
  // Same-site pages and resources (scripts, stylesheets); images and attachments have their own.
  run: (site) => brokenLinks("link.broken", site, kindIs("page", "resource")),
};
