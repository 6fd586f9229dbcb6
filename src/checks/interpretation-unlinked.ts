import { interpretationTitle, interpretedNames, namesDocument } from "../artifacts/topics.ts";
import type { PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import { bi } from "../i18n/bilingual.ts";
import { type Column, siteContent } from "./content.ts";
import { listKey } from "./page-kinds.ts";
import { type Check, type Finding, fromFindings, homeReachable, notApplicable, withRecord } from "./types.ts";

/** A page's own title: `ArticleTitle`, else the longest part of `<title>` (the site's name is the shorter). */
export function documentTitle(p: PageArtifact): string {
  const meta = (p.meta.articletitle ?? "").trim();
  if (meta) return meta;
  const parts = (p.title ?? "").split(/[_|｜]|\s[-—–]\s|\s{2,}/).map((s) => s.trim());
  return parts.reduce((a, b) => (b.length > a.length ? b : a), "");
}

/** The entries columns of these types list with a date: what the site files under them. */
function listedBy(columns: Column[]): Set<string> {
  const out = new Set<string>();
  for (const col of columns)
    for (const p of col.pages) for (const i of p.items ?? []) if (i.date) out.add(i.href);
  return out;
}

export interface InterpretationPairs {
  /** Articles filed under a 政策文件 column (and under no 解读 column). */
  policies: PageArtifact[];
  /** Articles filed under a 解读 column whose title says it is one (解读, 图解, 《…》…). */
  interpretations: PageArtifact[];
  /** Whether page `from` links to an interpretation (to: interpretation) or a document. */
  linksTo(from: PageArtifact, to: "interpretation" | "document"): boolean;
  /** Whether `from` links to the page `target`. */
  links(from: PageArtifact, target: PageArtifact): boolean;
}

/**
 * The policy documents and interpretations of a site, and who links to whom. A link counts by its
 * target (a policy article, an interpretation article, an attachment for a document) or by its text
 * (相关解读, 原文, 《…办法》), never when it leads to a column or the homepage's menu: every page
 * carries the menu's 政策文件 and 政策解读.
 */
export function interpretationPairs(site: SiteArtifacts): InterpretationPairs {
  const c = siteContent(site);
  const inPolicy = listedBy(c.columns.filter((col) => col.type === "policy"));
  const inInterp = listedBy(c.columns.filter((col) => col.type === "interpretation"));
  const policies = c.articles.filter((p) => inPolicy.has(p.url) && !inInterp.has(p.url));
  const interpretations = c.articles.filter(
    (p) => inInterp.has(p.url) && !inPolicy.has(p.url) && interpretationTitle(documentTitle(p)),
  );
  const policyUrls = new Set(policies.map((p) => p.url));
  const interpUrls = new Set([...inInterp].filter((u) => !inPolicy.has(u)));
  const articleUrls = new Set(c.articles.map((p) => p.url));
  const columnKeys = new Set(c.columns.map((col) => listKey(col.page)));
  const menu = new Set((c.home?.nav ?? []).map((n) => listKey(n.href)));
  const navigation = (href: string) =>
    !articleUrls.has(href) && (columnKeys.has(listKey(href)) || menu.has(listKey(href)));

  // What the judged pages link to (only theirs: a big site's links times its pages add up).
  const judged = new Set([...policies, ...interpretations].map((p) => p.url));
  const out = new Map<string, Set<string>>();
  const attachments = new Set<string>();
  for (const l of site.links) {
    if (l.kind === "attachment") attachments.add(l.target);
    for (const from of l.pages) {
      if (!judged.has(from)) continue;
      const s = out.get(from);
      if (s) s.add(l.target);
      else out.set(from, new Set([l.target]));
    }
  }
  const targets = (p: PageArtifact) => out.get(p.url) ?? new Set<string>();
  return {
    policies,
    interpretations,
    links: (from, target) => targets(from).has(target.url),
    linksTo(from, to) {
      for (const r of from.related ?? [])
        if (r.to === to && r.href !== from.url && !navigation(r.href)) return true;
      for (const t of targets(from)) {
        if (t === from.url) continue;
        if (to === "interpretation" ? interpUrls.has(t) : policyUrls.has(t) || inPolicy.has(t)) return true;
        if (to === "document" && attachments.has(t)) return true;
      }
      return false;
    },
  };
}

/** A policy document and its interpretation do not link to each other. */
export const interpretationUnlinked: Check = {
  id: "interpretation.unlinked",
  title: bi("政策文件与解读未相互关联", "Policy document and interpretation not linked"),
  severity: "minor",
  rule: {
    source: "checklist-2019",
    item: bi(
      "扣分指标·发布解读：政策解读与政策文件相互关联",
      "Deductions, publishing and interpretation: interpretations and the policy documents they interpret link to each other",
    ),
  },
  description: bi(
    "只看政策文件栏目和政策解读栏目所列的文章页（新闻等其他栏目的文章不看）。解读页（标题写明解读、图解、问答或《文件名》）没有指向任何政策文件（政策文件栏目的文章、附件，或“原文”“《…办法》”“关于…的通知”等链接文字）即报告；政策文件页在已知其解读（解读页链接到它，或解读标题所引文件名与它的标题相符）而它没有指向任何解读时报告。指向栏目或首页导航的链接不算。两种栏目的文章都未抓到时不适用。",
    "Only articles listed by a policy-document column or an interpretation column are judged (news and other columns are not). An interpretation (its title says 解读, 图解, 问答 or names a document in 《》) is reported when it links to no policy document (an article of a policy column, an attachment, or a link whose text says 原文, 《…办法》, 关于…的通知); a policy document is reported when its interpretation is known (the interpretation links to it, or names it in its title) and it links to no interpretation. Links to a column or to the homepage's menu do not count. Not applicable when no article of either column was crawled.",
  ),
  run(site) {
    if (!homeReachable(site)) return notApplicable;
    const g = interpretationPairs(site);
    if (g.policies.length === 0 && g.interpretations.length === 0) return notApplicable;
    const findings: Finding[] = [];
    const names = new Map(g.interpretations.map((i) => [i, interpretedNames(documentTitle(i))]));
    for (const p of g.policies) {
      if (g.linksTo(p, "interpretation")) continue;
      const title = documentTitle(p);
      const its = g.interpretations.find((i) => g.links(i, p) || namesDocument(names.get(i) ?? [], title));
      if (!its) continue;
      findings.push(
        withRecord(
          { check: "interpretation.unlinked", page: p.url, kind: "policy", title, interpretation: its.url },
          p.record,
        ),
      );
    }
    for (const i of g.interpretations) {
      if (g.linksTo(i, "document")) continue;
      const title = documentTitle(i);
      const f: Finding = { check: "interpretation.unlinked", page: i.url, kind: "interpretation", title };
      const doc = g.policies.find((p) => namesDocument(names.get(i) ?? [], documentTitle(p)));
      if (doc) f.document = doc.url;
      findings.push(withRecord(f, i.record));
    }
    return fromFindings(findings);
  },
};
