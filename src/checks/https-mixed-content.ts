import { bi } from "../i18n/bilingual.ts";
import {
  type Check,
  type Finding,
  fromFindings,
  homeReachable,
  notApplicable,
  readPages,
  withRecord,
} from "./types.ts";

/**
 * An https page that loads scripts, stylesheets, frames or images over plain http: browsers block
 * or flag them, and what does load can be read or changed on the way. Links to http pages are
 * not loaded with the page and are not mixed content.
 */
export const httpsMixedContent: Check = {
  id: "https.mixed-content",
  title: bi("HTTPS页面通过HTTP加载资源（混合内容）", "HTTPS page loads resources over HTTP (mixed content)"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi(
      "HTTPS页面的全部子资源也应通过HTTPS加载（W3C《混合内容》规范）",
      "Every subresource of an HTTPS page is loaded over HTTPS too (W3C Mixed Content)",
    ),
  },
  description: bi(
    "以 https:// 读取的页面用 http:// 加载脚本、样式表、框架、图片或媒体即报告，每个页面、每个资源一项，发现项给出资源地址和元素。指向 http:// 页面的链接不算混合内容；网站图标不计；每页最多读取64个子资源。",
    "Reported when a page read over https:// loads a script, stylesheet, frame, image or media over http://, once per page and resource; the finding gives the resource's URL and element. Links to http:// pages are not mixed content; favicons are left out; at most 64 subresources are read a page.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    // Only pages read over https can have mixed content; content facts say the page was read.
    const secure = readPages(site).filter((p) => p.url.startsWith("https:"));
    if (secure.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const p of secure) {
      const seen = new Set<string>();
      for (const r of p.insecure ?? []) {
        if (seen.has(r.url)) continue;
        seen.add(r.url);
        findings.push(
          withRecord({ check: "https.mixed-content", page: p.url, target: r.url, tag: r.tag }, p.record),
        );
      }
    }
    return fromFindings(findings);
  },
};
