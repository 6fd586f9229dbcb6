import { bi } from "../i18n/bilingual.ts";
import { brokenLinks, kindIs } from "./link-common.ts";
import type { Check } from "./types.ts";

export const imageBroken: Check = {
  id: "image.broken",
  title: bi("图片无法显示", "Broken image"),
  severity: "major",
  run: (site) => brokenLinks("image.broken", site, kindIs("image")),
};
