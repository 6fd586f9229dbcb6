import { bi } from "../i18n/bilingual.ts";
import { homeCheck } from "./home-page.ts";
import type { Check } from "./types.ts";

export const mobileNoViewport: Check = {
  id: "mobile.no-viewport",
  title: bi("首页未适配移动端（缺少viewport）", "No mobile viewport on the homepage"),
  severity: "minor",
  ...homeCheck(
    "mobile.no-viewport",
    (h) => /width\s*=\s*device-width/i.test(h.meta.viewport ?? ""),
    (h) => (h.meta.viewport !== undefined ? { value: h.meta.viewport } : {}),
  ),
};
