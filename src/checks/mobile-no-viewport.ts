import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const mobileNoViewport: Check = {
  id: "mobile.no-viewport",
  title: bi("首页未适配移动端（缺少viewport）", "No mobile viewport on the homepage"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi(
      '移动端适配：<meta name="viewport"> 含 width=device-width',
      'Mobile rendering: <meta name="viewport"> with width=device-width',
    ),
  },
  description: bi(
    "首页没有含 width=device-width 的 viewport 元数据即报告；有但取值不对时，发现项给出其值。",
    "Reported when the homepage has no viewport meta tag with width=device-width; when it has one with another value, the finding gives it.",
  ),
  ...homeCheck(
    "mobile.no-viewport",
    (h) => /width\s*=\s*device-width/i.test(h.meta.viewport ?? ""),
    (h) => (h.meta.viewport !== undefined ? { value: h.meta.viewport } : {}),
  ),
};
