import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const linkBroken: Check = {
  id: "link.broken",
  title: bi("站内链接不可用", "Broken link within the site"),
  severity: "major",
  // Same-site pages and resources (scripts, stylesheets); images and attachments have their own.
  run: (site) => brokenLinks("link.broken", site, kindIs("page", "resource")),
};
