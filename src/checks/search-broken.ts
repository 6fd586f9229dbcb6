import { bi } from "../i18n/bilingual.ts";
import { homePage } from "./home-page.ts";
import { type Check, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

export const searchBroken: Check = {
  id: "search.broken",
  title: bi("站内搜索找不到近期文章", "Site search does not find a recent article"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi("扣分指标·功能设计：搜索", "Deductions, 功能设计: site search"),
  },
  description: bi(
    "每个网站一次：取首页的搜索表单（动作地址或输入框像搜索，与 search.missing 同样的判断），以抓取读到的最新一篇带发布日期的文章标题（ArticleTitle 元数据，否则标题的第一段）的前 20 个字，像浏览器一样提交（GET，带表单全部字段含隐藏字段，按页面字符集编码，GBK 网站亦然），与抓取同一取数路径和地址策略，并存入 WARC。回应不是 2xx，或结果页（按其字符集解码、去掉标签）不含标题的前 12 个字、或写明没有结果，即报告，发现项给出请求地址、状态和文章。首页有搜索入口但没有可提交的表单（搜索框由脚本画出，或只有指向搜索页的链接）为警告。首页没有搜索、抓取没有读到带日期的文章时不适用；POST 表单不提交、robots.txt 不允许的搜索地址不请求，也不适用。",
    "Once per site: the homepage's search form (its action or inputs look like search, as search.missing judges) is submitted as a browser would (GET, with all the form's fields, hidden ones included, encoded in the page's charset, GBK sites too) with the first 20 characters of the title of the newest dated article the crawl read (its ArticleTitle meta, else the title's first part), through the crawl's fetch path and address policy, and archived in the WARC. Reported when the answer is not 2xx, or the results page (decoded in its charset, tags dropped) does not show the title's first 12 characters or says nothing was found; the finding gives the URL asked, the status and the article. A warning when the homepage has a search entry but no form to submit (a search box drawn by scripts, or only a link to a search page). Not applicable when the homepage has no search or the crawl read no dated article; nor when the form is POST (not submitted) or robots.txt disallows the search URL.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const home = homePage(site);
    if (!home?.entries?.search) return notApplicable;
    if (!home.searchForms || home.searchForms.length === 0)
      return {
        outcome: "warn",
        findings: [withRecord({ check: "search.broken", page: home.url, reason: "no-form" }, home.record)],
      };
    const s = site.search;
    if (!s || s.skipped) return notApplicable;
    const ok = s.status !== null && s.status >= 200 && s.status < 300;
    if (ok && s.found) return fromFindings([]);
    return fromFindings([
      withRecord(
        {
          check: "search.broken",
          page: home.url,
          url: s.url,
          status: s.status,
          ...(s.error ? { error: s.error } : {}),
          reason: ok ? "not-found" : "answer",
          article: s.article,
          query: s.query,
        },
        s.record,
      ),
    ]);
  },
};
