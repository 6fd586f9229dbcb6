import type { ReportPart } from "../a11y/site.ts";
import type { Note, SiteArtifacts } from "../artifacts/types.ts";
import { CHECKS } from "../checks/catalogue.ts";
import { siteContent } from "../checks/content.ts";
import { httpsProbed } from "../checks/https-missing.ts";
import { ipv6LinkShare } from "../checks/ipv6-links-partial.ts";
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
  /** What the reader should know: limits that cut in, steps that did not happen, why it ended early. */
  notes: Note[];
}

/**
 * complete: the site was inspected within every limit; partial: its crawl or link checks were cut
 * (time budget, stall, a site that stopped answering); failed: the engine broke on it (a bug: the
 * note says where).
 */
export type InspectionStatus = "complete" | "partial" | "failed";

const CUT = new Set(["crawl-budget", "site-stopped-answering", "links-unchecked", "a11y-unfinished"]);

export function statusOf(a: SiteArtifacts): InspectionStatus {
  if (a.ended?.reason === "error") return "failed";
  return a.ended || a.notes.some((n) => CUT.has(n.code)) ? "partial" : "complete";
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
  const notes = [...a.notes];
  for (const c of checks) {
    let r: ReturnType<Check["run"]>;
    try {
      r = c.run(a);
    } catch (e) {
      // A check that breaks on this site's data is a bug; the site keeps the rest of its report.
      notes.push({
        code: "check-error",
        zh: `检查项 ${c.id} 运行出错：${e instanceof Error ? e.message : String(e)}`,
        en: `check ${c.id} failed: ${e instanceof Error ? e.message : String(e)}`,
      });
      results[c.id] = { outcome: "not-applicable", count: 0 };
      continue;
    }
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
  if (a.ended)
    notes.push({
      code: `ended-${a.ended.reason}`,
      zh: `${ENDED_ZH[a.ended.reason]}（${a.ended.zh ?? a.ended.message}）`,
      en: `inspection ended early (${a.ended.reason}): ${a.ended.message}`,
    });
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
      ...httpsFacts(a),
      ...probeFacts(a),
      ...Object.assign({}, ...parts.map((p) => p.facts)),
      "inspection.status": statusOf(a),
      "inspection.ended": a.ended?.reason ?? null,
    },
    findings,
    checks: results,
    notes,
  };
}

const ENDED_ZH: Record<NonNullable<SiteArtifacts["ended"]>["reason"], string> = {
  budget: "网站检查用完时间预算，提前结束：报告只含已获得的结果",
  stall: "网站检查长时间没有进展，被监控程序结束：报告只含已获得的结果",
  cancelled: "网站检查被取消：报告只含已获得的结果",
  error: "检查引擎在此网站出错（程序缺陷，请报告）：报告只含已获得的结果",
};

/** Where the https.* checks looked: the https:// URL and its port (443 unless the URL names one). */
function httpsFacts(a: SiteArtifacts): InspectionReport["facts"] {
  const p = httpsProbed(a);
  return { "https.probed": p?.url ?? null, "https.port": p?.port ?? null };
}

/**
 * What the site-level probes learned, in short: the soft-404 probe's status, the certificate's
 * end and issuer and OpenSSL's verdict, the homepage's status over IPv6, the share of sampled
 * links that worked over IPv6, the search probe's URL, status and whether it found the article
 * (1 or 0) (null where not probed).
 */
function probeFacts(a: SiteArtifacts): InspectionReport["facts"] {
  const t = a.tls && a.tls.error === null ? a.tls : null;
  return {
    "soft404.status": a.soft404?.status ?? null,
    "tls.validTo": t?.validTo ?? null,
    "tls.issuer": t?.issuer ?? null,
    "tls.authorizationError": t?.authorizationError ?? null,
    "ipv6.home.status": a.ipv6?.home?.v6.status ?? null,
    "ipv6.links.level2": ipv6LinkShare(a.ipv6?.links, 2),
    "ipv6.links.level3": ipv6LinkShare(a.ipv6?.links, 3),
    "search.url": a.search?.url ?? null,
    "search.status": a.search?.status ?? null,
    "search.found": a.search && !a.search.skipped ? (a.search.found ? 1 : 0) : null,
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
