import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const attachmentBroken: Check = {
  id: "attachment.broken",
  title: bi("附件无法下载", "Broken attachment"),
  severity: "major",
  run: (site) => brokenLinks("attachment.broken", site, kindIs("attachment")),
};
