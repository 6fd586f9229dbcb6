import type { Kysely } from "kysely";
import { evaluateChecklist } from "../frameworks/checklist.ts";
import { tableFromEvidence } from "../frameworks/collect.ts";
import type { Evidence } from "../frameworks/evidence.ts";
import { parseFramework } from "../frameworks/load.ts";
import type { Framework } from "../frameworks/schema.ts";
import { ranksInGroups, scoreTable } from "../frameworks/score.ts";
import { resolveTree } from "../scoring/structure.ts";
import type { Database } from "../store/schema.ts";
import {
  type CategoryRanks,
  type EvaluationRow,
  type EvidenceValueRow,
  evidenceValues,
  getEvaluation,
  inspectionReports,
  type ScoredBody,
  saveScoreRun,
  sha256,
} from "./evaluation-store.ts";
import { evaluationTargets } from "./members.ts";

/** What is known about one evaluated unit (a body, or an app), with every category it is ranked in. */
export interface BodyEvidence {
  bodyId: string;
  app?: { id: number; name: string };
  /** Its categories in the evaluation's order (empty: a body added by id). */
  categories: string[];
  /** The site whose inspection stands for the body (its portal when it has one). */
  site: string | null;
  portal: boolean;
  evidence: Evidence;
}

interface InspectionLike {
  checks?: Evidence["checks"];
  findings?: Evidence["findings"];
  facts?: Evidence["facts"];
}

/** How a finding is named when an appeal contests it: check, page and target. */
export function findingKey(f: Readonly<Record<string, unknown>>): string {
  return [f.check, f.page ?? "", f.target ?? ""].map(String).join(" ");
}

/**
 * Drops the findings dismissed on appeal and brings the checks' counts and outcomes in line, so
 * that a deduction or veto built on them no longer counts them.
 */
function withoutDismissed(report: InspectionLike, dismissed: ReadonlySet<string>): InspectionLike {
  if (dismissed.size === 0 || !report.findings) return report;
  const findings = report.findings.filter((f) => !dismissed.has(findingKey(f)));
  const checks = Object.fromEntries(
    Object.entries(report.checks ?? {}).map(([id, c]) => {
      const before = report.findings?.filter((f) => f.check === id).length ?? 0;
      const left = findings.filter((f) => f.check === id).length;
      if (before === left) return [id, c];
      return [id, { ...c, count: left, outcome: left === 0 && c.outcome === "fail" ? "pass" : c.outcome }];
    }),
  );
  return { ...report, findings, checks };
}

/**
 * Puts together what is known about one body: the inspection report of its main site plus the
 * values evaluators recorded. Recorded facts override facts read by the inspection (a week of
 * monitoring says more about availability than one visit).
 */
export function bodyEvidence(raw: InspectionLike | undefined, values: readonly EvidenceValueRow[]): Evidence {
  const dismissed = new Set(values.filter((v) => v.kind === "dismissed").map((v) => v.code));
  const report = raw ? withoutDismissed(raw, dismissed) : undefined;
  const rubric: Record<string, string> = {};
  const figures: Record<string, number> = {};
  const answers: Record<string, boolean> = {};
  const manual: Record<string, boolean> = {};
  const facts: Record<string, unknown> = { ...(report?.facts ?? {}) };
  for (const v of values) {
    if (v.kind === "rubric") rubric[v.code] = String(v.value);
    else if (v.kind === "figure") figures[v.code] = Number(v.value);
    else if (v.kind === "answer") answers[v.code] = v.value === true;
    else if (v.kind === "manual") manual[v.code] = v.value === true;
    else if (v.kind === "fact") facts[v.code] = v.value;
  }
  return {
    ...(report?.checks ? { checks: report.checks } : {}),
    ...(report?.findings ? { findings: report.findings } : {}),
    facts,
    rubric,
    figures,
    answers,
    manual,
  };
}

export interface EvaluationScores {
  schema: "govscore.evaluation-scores/2";
  evaluation: string;
  framework: { id: string; version: string; sha256: string };
  asOf: string;
  /** The node whose score is the unit's result ("total" for a check list). */
  root: string;
  /** One entry per unit (a body, or an app), each with its ranks in every category it is in. */
  bodies: (ScoredBody & {
    site: string | null;
    verdict?: string;
    reason?: string;
  })[];
}

/** A unit's categories as ranking groups: a body added by id is in no category (null). */
const groupsOf = (b: BodyEvidence): (string | null)[] => (b.categories.length ? b.categories : [null]);

function withRankings(b: BodyEvidence, rankings: CategoryRanks[]) {
  const first = rankings[0] ?? { category: null, ranks: {} };
  return {
    bodyId: b.bodyId,
    ...(b.app ? { app: b.app } : {}),
    rankings,
    category: first.category,
    ranks: first.ranks,
    site: b.site,
  };
}

/**
 * Pure: the same evidence always gives the same output, byte for byte. Each unit is scored once;
 * a framework that ranks `groupBy: category` ranks it in every category it belongs to.
 */
export function scoreEvidence(
  fw: Framework,
  ev: EvaluationRow,
  bodies: readonly BodyEvidence[],
): EvaluationScores {
  const head = {
    schema: "govscore.evaluation-scores/2" as const,
    evaluation: ev.code,
    framework: { id: fw.id, version: fw.version, sha256: ev.frameworkSha256 },
    asOf: ev.asOf,
  };
  if (fw.kind === "checklist") {
    const cl = fw.checklist;
    if (!cl) throw new Error("框架没有检查清单 (framework has no check list)");
    return {
      ...head,
      root: "total",
      bodies: bodies.map((b) => {
        // A body without public services says so with the answer `public-services: no`.
        const r = evaluateChecklist(cl, b.evidence, {
          portal: b.portal,
          publicServices: b.evidence.answers?.["public-services"] !== false,
        });
        return {
          ...withRankings(
            b,
            groupsOf(b).map((category) => ({ category, ranks: {} })),
          ),
          scores: { total: r.total, deductions: r.deductionScore, bonus: r.bonusScore },
          tier: r.verdict,
          verdict: r.verdict,
          reason: r.reason,
        };
      }),
    };
  }
  // Imputation or quantile tiers by category, if a framework asks for them, use a unit's first
  // category: they need one group per unit. Rankings are made below, in every category.
  const table = tableFromEvidence(
    fw,
    bodies.map((b) => ({
      unit: b.app ? `${b.bodyId}/${b.app.name}` : b.bodyId,
      evidence: b.evidence,
      groups: { category: b.categories[0] ?? "" },
    })),
  );
  const { output, structure } = scoreTable(fw, table);
  const perCategory = fw.pipeline?.ranking.groupBy === "category";
  const groups = bodies.map((b) => groupsOf(b).map((c) => c ?? ""));
  const ranked = perCategory ? ranksInGroups(fw, output.units, groups) : [];
  return {
    ...head,
    root: resolveTree(structure).root,
    bodies: output.units.map((u, i) => {
      const b = bodies[i] as BodyEvidence;
      const rankings = groupsOf(b).map((category) => ({
        category,
        // Without per-category ranking the framework ranks every unit together.
        ranks: perCategory ? (ranked[i]?.get(category ?? "") ?? {}) : u.ranks,
      }));
      return { ...withRankings(b, rankings), scores: u.scores, tier: u.tier };
    }),
  };
}

/**
 * A stored run's ranks per category, whatever its format: a run made before units could be in
 * several categories (`govscore.evaluation-scores/1`) has one category and its ranks.
 */
export function rankingsOf(b: {
  rankings?: CategoryRanks[];
  category: string | null;
  ranks: Record<string, number | null>;
}): CategoryRanks[] {
  return b.rankings ?? [{ category: b.category, ranks: b.ranks }];
}

/**
 * Scores an evaluation stored in the database with the framework it was created with, and keeps
 * the run (output and the hashes of framework and inputs) so a published score can be traced.
 */
export async function scoreEvaluation(
  db: Kysely<Database>,
  code: string,
): Promise<{ scores: EvaluationScores; runId: number; inputSha256: string; outputSha256: string }> {
  const ev = await getEvaluation(db, code);
  const fw = parseFramework(ev.frameworkSource, `evaluation ${ev.code} (${ev.frameworkId})`);
  const targets = await evaluationTargets(db, ev.id);
  const reports = await inspectionReports(db, ev.id);
  const values = await evidenceValues(db, ev.id);
  const bodies: BodyEvidence[] = targets.map((t) => {
    const main = t.websites.find((w) => reports.has(w.id)) ?? t.websites[0];
    const appId = t.app?.id ?? null;
    return {
      bodyId: t.bodyId,
      ...(t.app ? { app: t.app } : {}),
      categories: t.categories,
      site: main?.url ?? null,
      portal: main?.role === "portal",
      evidence: bodyEvidence(
        main ? (reports.get(main.id) as InspectionLike | undefined) : undefined,
        values.filter((v) => v.bodyId === t.bodyId && (v.appId ?? null) === appId),
      ),
    };
  });
  const inputSha256 = sha256(JSON.stringify(bodies));
  const scores = scoreEvidence(fw, ev, bodies);
  const { runId, outputSha256 } = await saveScoreRun(db, {
    evaluationId: ev.id,
    frameworkSha256: ev.frameworkSha256,
    inputSha256,
    output: scores,
    bodies: scores.bodies,
  });
  return { scores, runId, inputSha256, outputSha256 };
}
