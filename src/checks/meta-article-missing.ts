import { bi } from "../i18n/bilingual.ts";
import { siteContent } from "./content.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

const ARTICLE_META = ["ArticleTitle", "PubDate", "ContentSource"] as const;

export const metaArticleMissing: Check = {
  id: "meta.article.missing",
  title: bi("文章页缺少文章元数据", "Article page lacks article meta tags"),
  severity: "minor",
  rule: {
    source: "guideline-2017",
    item: bi(
      "页面元数据：文章（ArticleTitle、PubDate、ContentSource）",
      "Page meta tags: article (ArticleTitle, PubDate, ContentSource)",
    ),
  },
  description: bi(
    "文章页缺少 ArticleTitle、PubDate 或 ContentSource 元数据即报告，发现项列出所缺。",
    "Reported when an article page lacks the ArticleTitle, PubDate or ContentSource meta tag; the finding lists the missing ones.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const c = siteContent(site);
    if (c.articles.length === 0) return notApplicable;
    const findings: Finding[] = [];
    for (const p of c.articles) {
      const missing = ARTICLE_META.filter((k) => !p.meta[k.toLowerCase()]?.trim());
      if (missing.length > 0)
        findings.push(withRecord({ check: "meta.article.missing", page: p.url, missing }, p.record));
    }
    return fromFindings(findings);
  },
};
