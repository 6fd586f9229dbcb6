import type { SiteArtifacts } from "../artifacts/types.ts";
import type { Bilingual } from "../i18n/bilingual.ts";

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
 * A check: metadata plus a pure function of the site's artifacts. New checks are new modules
 * listed in the catalogue; the engine never changes for them (the Lighthouse-audit model).
 */
export interface Check {
  id: string;
  title: Bilingual;
  severity: Severity;
  run(site: SiteArtifacts): CheckResult;
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

export function homeReachable(site: SiteArtifacts): boolean {
  const s = site.home.status;
  return s !== null && s >= 200 && s < 300;
}
