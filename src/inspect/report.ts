import type { ReportPart } from "../a11y/site.ts";
import type { SiteArtifacts } from "../artifacts/types.ts";
import { CHECKS } from "../checks/catalogue.ts";
import { siteContent } from "../checks/content.ts";
import type { Check, Finding, Outcome } from "../checks/types.ts";

/** The `govscore.inspection/1` report (docs: ../shared/reference/checks.md). */
export interface InspectionReport {
  schema: "govscore.inspection/1";
  site: string;
  asOf: string;
  startedAt: string;
  finishedAt: string;
  pages: { fetched: number; failed: number; skipped: number };
  facts: Record<string, string | number | null>;
  findings: Finding[];
  checks: Record<string, { outcome: Outcome; count: number }>;
}

/** Runs every check (pure) and assembles the report. */
export function buildReport(
  a: SiteArtifacts,
  startedAt: string,
  finishedAt: string,
  checks: readonly Check[] = CHECKS,
  /** Results of passes that are not checks of artifacts (the accessibility passes), appended. */
  parts: readonly ReportPart[] = [],
): InspectionReport {
  const findings: Finding[] = [];
  const results: InspectionReport["checks"] = {};
  for (const c of checks) {
    const r = c.run(a);
    // Concurrency makes discovery order vary; the report must not.
    const key = (f: Finding) =>
      `${f.page ?? ""}\u0000${String(f.target ?? "")}\u0000${String(f.text ?? "")}\u0000${String(f.asked ?? "")}`;
    findings.push(...[...r.findings].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)));
    results[c.id] = { outcome: r.outcome, count: r.findings.length };
  }
  for (const p of parts) {
    findings.push(...p.findings);
    Object.assign(results, p.checks);
  }
  const homePage = a.pages[0];
  return {
    schema: "govscore.inspection/1",
    site: a.site,
    asOf: a.asOf,
    startedAt,
    finishedAt,
    pages: { ...a.counts },
    facts: {
      charset: homePage?.charset?.used ?? null,
      "home.title": homePage?.title ?? null,
      "home.status": a.home.status,
      "home.error": a.home.error,
      "home.finalUrl": a.home.finalUrl,
      ...contentFacts(a),
      ...Object.assign({}, ...parts.map((p) => p.facts)),
    },
    findings,
    checks: results,
  };
}

/** What the content checks read off the site (contract: footer.*, meta.siteIdCode, home.latestDate). */
function contentFacts(a: SiteArtifacts): InspectionReport["facts"] {
  const home = a.pages.find((p) => p.depth === 0);
  const f = home?.footer;
  const c = home?.footer ? siteContent(a) : null;
  return {
    "footer.siteIdCode": f?.siteIdCode ?? null,
    "meta.siteIdCode": home?.meta.siteidcode?.trim() || null,
    "footer.icp": f?.icp ?? null,
    "footer.psb": f?.psb ?? null,
    "footer.sponsor": f?.sponsor ?? null,
    "home.latestDate": c?.homeLatest ?? null,
    "columns.count": c ? c.columns.length : null,
  };
}
