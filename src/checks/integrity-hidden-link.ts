import { bi } from "../i18n/bilingual.ts";
import { isGovHost } from "./domain-not-gov.ts";
import { SECURITY_VETO } from "./integrity-defacement.ts";
import {
  type Check,
  type Finding,
  fromFindings,
  homeReachable,
  notApplicable,
  readPages,
  withRecord,
} from "./types.ts";

/** Second-level domains under which a name is registered one level further down (a.com.cn). */
const SHARED_SUFFIX = /^(?:com|net|org|gov|edu|ac|mil)\.[a-z]{2}$|^(?:co|or|ne|go)\.[a-z]{2}$/;

/** The registrable domain of a host, roughly: its last two labels, three under com.cn and the like. */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  if (labels.length <= 2 || /^\d+$/.test(labels[labels.length - 1] as string)) return labels.join(".");
  const two = labels.slice(-2).join(".");
  return SHARED_SUFFIX.test(two) ? labels.slice(-3).join(".") : two;
}

/**
 * Hosts whose links sites hide and show with scripts as a matter of course: share buttons and
 * social accounts (pop-ups), browser downloads (an "upgrade your browser" notice), the CMS
 * vendor's credit, the 找错 platform's address. Seen hidden on the real pages of
 * ../shared/data/govpages; matched by registrable domain.
 */
const ORDINARY = new Set([
  "weibo.com",
  "weibo.cn",
  "qq.com",
  "bshare.cn",
  "jiathis.com",
  "hanweb.com",
  "trs.com.cn",
  // The 我为政府网站找错 platform, linked by address (/exposure/jiucuo.html).
  "121.43.68.40",
]);

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return null;
  }
}

export const integrityHiddenLink: Check = {
  id: "integrity.hidden-link",
  title: bi("页面含有指向非政府网站的隐藏链接（暗链）", "Links to non-government sites hidden from readers"),
  severity: "critical",
  rule: SECURITY_VETO,
  description: bi(
    "页面上对读者隐藏、指向非政府网站的链接（暗链）即报告：链接本身或其上级元素被 display:none、visibility:hidden、opacity:0、移出屏幕（position:absolute/fixed 且 left/top ≤ -500px、margin ≤ -500px、text-indent ≤ -500px）、零尺寸（width 或 height 为 0 且 overflow:hidden）、font-size:0、hidden 属性隐藏，或文字颜色与背景色相同；只读取 style 属性和页面自身 <style> 中的简单选择器（标签、#id、.class 及其后代组合；<style> 规则只在首页、首页链接的页面及更深页面中按网址选取的十分之一上读取，style 和 hidden 属性每页都读），不读取外部样式表、脚本、@media 等规则块及其他选择器（如 :hover），读不到的一律视为可见。非政府网站指不在 gov.cn、“.政务”之下、也不属于本站注册域名的主机。显示图片的链接不因字号、缩进、颜色算作隐藏。每个页面、每个隐藏链接一项，发现项给出链接目标、隐藏方式（how）、来源（by：style 属性、hidden 属性或选择器）及所在元素（on）。隐藏的菜单不报告：其中多数链接指向本站或政府网站的隐藏元素，或本身或其上级元素的 class、id 表明是点击显示的部件（dropdown、menu、nav、tab、pop 等）；媒体查询或 :hover 规则会重新显示的元素、整页隐藏（body、html）不算隐藏；分享按钮、微博、浏览器下载、网站建设商署名及找错平台（weibo.com、qq.com、bshare.cn、jiathis.com、hanweb.com、trs.com.cn 等，见本检查模块）常由脚本显示，不报告。",
    "Reported when a page carries a link to a non-government host hidden from readers: the link or an ancestor hidden by display:none, visibility:hidden, opacity:0, moved off the screen (position absolute/fixed with left/top ≤ -500px, a margin ≤ -500px, text-indent ≤ -500px), zero size (width or height 0 with overflow:hidden), font-size:0 or the hidden attribute, or a text colour equal to the background. Only style attributes and the simple selectors (tag, #id, .class and descendant combinations of them) of the page's own <style> blocks are read (the <style> rules on the homepage, the pages it links and one deeper page in ten, chosen by URL; style and hidden attributes on every page); external stylesheets, scripts, rules inside @media and other at-rules, and other selectors (:hover…) are not, and what is not read counts as visible. A non-government host is one not under gov.cn or .政务 and not under the site's own registrable domain. A link showing an image is not hidden by font size, indent or colour. One finding per page and hidden link, giving the target, how it is hidden (how), by what (by: the style attribute, the hidden attribute or the selector) and on which element (on). Hidden menus are not reported: a hidden element most of whose links stay within the site or go to government sites, or one named as a widget a click shows (class or id with dropdown, menu, nav, tab, pop…), itself or the element it is in; an element a media query or a :hover rule shows again, and a whole page hidden (body, html), do not count as hidden; links to share buttons, Weibo, browser downloads, the CMS vendor's credit and the 找错 platform (weibo.com, qq.com, bshare.cn, jiathis.com, hanweb.com, trs.com.cn…, listed in the check's module), which scripts commonly show, are not reported.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const read = readPages(site);
    if (read.length === 0) return notApplicable;
    const own = registrableDomain(site.host);
    const findings: Finding[] = [];
    for (const p of read) {
      const seen = new Set<string>();
      for (const l of p.hiddenLinks ?? []) {
        const host = hostOf(l.target);
        if (!host || isGovHost(host) || seen.has(l.target)) continue;
        const domain = registrableDomain(host);
        if (domain === own || ORDINARY.has(domain)) continue;
        seen.add(l.target);
        findings.push(
          withRecord(
            { check: "integrity.hidden-link", page: p.url, target: l.target, how: l.how, by: l.by, on: l.on },
            p.record,
          ),
        );
      }
    }
    return fromFindings(findings);
  },
};
