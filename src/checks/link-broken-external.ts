import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const linkBrokenExternal: Check = {
  id: "link.broken-external",
  title: bi("外部链接不可用", "Broken link to another site"),
  severity: "minor",
  run: (site) => brokenLinks("link.broken-external", site, kindIs("external")),
};
