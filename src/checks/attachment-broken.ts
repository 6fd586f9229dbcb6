import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const attachmentBroken: Check = {
  id: "attachment.broken",
  title: bi("附件无法下载", "Broken attachment"),
  severity: "major",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·办事服务：表格和附件可下载",
      "Deductions, 办事服务: forms and attachments downloadable",
    ),
  },
  description: bi(
    "本站链接的文档（pdf、doc(x)、xls(x)、ppt(x)、wps、ofd、zip等）应答4xx/5xx或请求失败即报告。拒绝HEAD的服务器改用GET确认，不误报。",
    "Reported when a linked document of the site (pdf, doc(x), xls(x), ppt(x), wps, ofd, zip…) answers 4xx/5xx or fails. Servers that refuse HEAD are asked again by GET, so they are not reported wrongly.",
  ),
  run: (site) => brokenLinks("attachment.broken", site, kindIs("attachment")),
};
