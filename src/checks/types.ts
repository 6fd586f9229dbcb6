import type { PageArtifact, SiteArtifacts } from "../artifacts/types.ts";
import { type Bilingual, bi } from "../i18n/bilingual.ts";

export type Outcome = "pass" | "fail" | "warn" | "not-applicable";
export type Severity = "critical" | "major" | "minor" | "info";

/** One problem found; `check` and, where known, `page` and `record` (WARC record id). */
export interface Finding {
  check: string;
  page?: string;
  record?: string;
  [field: string]: unknown;
}

export interface CheckResult {
  outcome: Outcome;
  findings: Finding[];
}

/**
 * The documents a check's rule comes from. Only documents the project's references summarise are
 * named: a clause the references do not give is not made up, and a check no document asks for
 * says it is good practice.
 */
export const RULE_SOURCES = {
  "guideline-2017": bi(
    "政府网站发展指引（国办发〔2017〕47号）",
    "Government website development guideline (国办发〔2017〕47号)",
  ),
  "checklist-2019": bi(
    "政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）",
    "Check list for government websites and new media (国办秘函〔2019〕19号)",
  ),
  "ageing-2020": bi(
    "互联网应用适老化及无障碍改造（工业和信息化部，2020–2021）",
    "Ageing-friendly and accessible internet applications (MIIT, 2020–2021)",
  ),
  "good-practice": bi("通行做法", "Good practice"),
} as const;

export type RuleSource = keyof typeof RULE_SOURCES;

/** Where a check's requirement comes from: the document and, in its words, the item or section. */
export interface Rule {
  source: RuleSource;
  /** The clause, check-list item or section (for good practice: what the practice rests on). */
  item: Bilingual;
}

/**
 * A check: metadata plus a pure function of the site's artifacts. New checks are new modules
 * listed in the catalogue; the engine never changes for them (the Lighthouse-audit model).
 */
export interface Check {
  id: string;
  title: Bilingual;
  severity: Severity;
  /** Why a site is held to it: evaluators and site owners must be able to look the rule up. */
  rule: Rule;
  /** One paragraph: what is looked at and when it is reported. */
  description: Bilingual;
  run(site: SiteArtifacts): CheckResult;
}

/** The rule as one line: document, then item. */
export function ruleText(r: Rule): Bilingual {
  const doc = RULE_SOURCES[r.source];
  return bi(`${doc.zh}：${r.item.zh}`, `${doc.en}: ${r.item.en}`);
}

/** pass when nothing was found, fail otherwise. */
export function fromFindings(findings: Finding[]): CheckResult {
  return { outcome: findings.length > 0 ? "fail" : "pass", findings };
}

export const notApplicable: CheckResult = { outcome: "not-applicable", findings: [] };

/** Adds `record` only when there is one, so reports without an archive stay clean. */
export function withRecord(f: Finding, record: string | null | undefined): Finding {
  if (record) f.record = record;
  return f;
}

/** The pages whose content was read (HTML, content facts present): what page-text checks look at. */
export function readPages(site: SiteArtifacts): PageArtifact[] {
  return site.pages.filter((p) => p.items !== undefined);
}

export function homeReachable(site: SiteArtifacts): boolean {
  const s = site.home.status;
  return s !== null && s >= 200 && s < 300;
}
