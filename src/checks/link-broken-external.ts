import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const linkBrokenExternal: Check = {
  id: "link.broken-external",
  title: bi("外部链接不可用", "Broken link to another site"),
  severity: "minor",
  rule: { source: "good-practice", item: bi("外部链接应可用", "Links to other sites should work") },
  description: bi(
    "指向其他主机的链接（只检查、不抓取）应答4xx/5xx或请求失败即报告，每个出现该链接的页面一项。",
    "Reported when a link to another host (checked, not crawled) answers 4xx/5xx or fails, once per page it appears on.",
  ),
  run: (site) => brokenLinks("link.broken-external", site, kindIs("external")),
};
