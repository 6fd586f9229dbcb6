import { bi } from "../i18n/bilingual.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/**
 * A site that answers a path it does not have with a page: visitors who follow a dead link see
 * no error status, and search engines and link checkers (link.broken among them) see no dead link.
 */
export const httpSoft404: Check = {
  id: "http.soft-404",
  title: bi("不存在的页面未返回404（软404）", "Missing pages do not answer 404 (soft 404)"),
  severity: "minor",
  rule: {
    source: "good-practice",
    item: bi(
      "不存在的页面应返回404状态码（RFC 9110；美国GSA Site Scanning的“软404”检查：随机路径须返回404）",
      "A page that does not exist answers 404 (RFC 9110; the soft-404 check of the US GSA Site Scanning: a random path must answer 404)",
    ),
  },
  description: bi(
    "每个网站请求一次不可能存在的路径（/govscore-<散列>-404.html，由网站地址算出，每次检查相同）；最终（跟随跳转后）以2xx状态应答即报告。应答看起来是错误页（标题或开头文字有“404”“页面不存在”“找不到”等）时，发现项的 errorPage 为 true：访客看得到出错，但状态码仍说页面存在，搜索引擎和链接检查（包括 link.broken）都把失效链接当作正常页面，所以同样报告。应答4xx为通过；无应答或其他状态（5xx等）为警告；首页不可访问或 robots.txt 禁止该路径时不适用。",
    "Each site is asked once for a path that cannot exist (/govscore-<hash>-404.html, computed from the site's address, the same on every inspection); reported when the final answer (redirects followed) has a 2xx status. When the answer reads like an error page (404, 页面不存在, 找不到… in its title or first words) the finding has errorPage: true: a visitor sees the error, but the status still says the page exists, so search engines and link checks (link.broken among them) take dead links for pages, and it is reported too. A 4xx answer passes; no answer or another status (5xx…) is a warning; not applicable when the homepage is unreachable or robots.txt disallows the path.",
  ),
  run(site) {
    const p = site.soft404;
    if (!homeReachable(site) || !p) return notApplicable;
    if (p.status === null || p.error !== null) return { outcome: "warn", findings: [] };
    if (p.status >= 400 && p.status < 500) return fromFindings([]);
    if (p.status < 200 || p.status >= 300) return { outcome: "warn", findings: [] };
    const f: Finding = { check: "http.soft-404", page: p.url, status: p.status, errorPage: p.errorPage };
    if (p.finalUrl !== p.url) f.finalUrl = p.finalUrl;
    if (p.title !== null) f.title = p.title;
    return fromFindings([withRecord(f, p.record)]);
  },
};
