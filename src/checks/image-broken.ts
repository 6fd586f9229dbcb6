import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const imageBroken: Check = {
  id: "image.broken",
  title: bi("图片无法显示", "Broken image"),
  severity: "major",
  rule: { source: "good-practice", item: bi("页面图片应能显示", "Images on pages should load") },
  description: bi(
    "本站的 <img> 图片应答4xx/5xx或请求失败即报告，每个出现该图片的页面一项。",
    "Reported when an <img> of the site answers 4xx/5xx or fails, once per page it appears on.",
  ),
  run: (site) => brokenLinks("image.broken", site, kindIs("image")),
};
