import { checkFailed, checkRan, countFindings, type Evidence, leafValue } from "./evidence.ts";
import type { Checklist } from "./schema.ts";

export interface ChecklistContext {
  /** Portal sites (门户网站) can earn bonus points. */
  readonly portal: boolean;
  /** Bodies without public-facing services skip the service blocks and are rescaled. */
  readonly publicServices: boolean;
}

export interface ChecklistResult {
  readonly verdict: "合格" | "不合格";
  readonly vetoes: { id: string; name: string | { zh: string; en: string }; conditions: string[] }[];
  /** Deduction score (out of `total`), after rescaling; null when vetoed (nothing else scored). */
  readonly deductionScore: number | null;
  readonly bonusScore: number | null;
  readonly total: number | null;
  readonly items: {
    id: string;
    block: string;
    points: number;
    deducted: number;
    skipped: boolean;
    /** What deducted the points: each rule's findings, and the evaluator's entry. */
    by: { check?: string; evaluator?: true; count: number; deducted: number }[];
  }[];
  readonly reason: string;
}

/**
 * The national check list's rules: any veto → 不合格 and nothing else is scored; deductions per
 * item capped at its points; deduction score below the pass mark → 不合格; bonus counted only
 * when the deduction score is above the gate (and, by default, for portals only).
 */
export function evaluateChecklist(cl: Checklist, ev: Evidence, ctx: ChecklistContext): ChecklistResult {
  const vetoes: ChecklistResult["vetoes"] = [];
  for (const v of cl.veto) {
    if (v.appliesTo === "public-services" && !ctx.publicServices) continue;
    const met: string[] = [];
    // A measurement named by the same item (a week of monitoring) decides where there was no
    // inspection: `ifNotRun` stands for the missing evidence only when nothing else measured it.
    const measured = v.any.some((c) => {
      const f = c.fact === undefined ? undefined : ev.facts?.[c.fact];
      return f !== undefined && f !== null && f !== "" && Number.isFinite(Number(f));
    });
    for (const c of v.any) {
      if (c.check !== undefined && c.ifNotRun && !checkRan(ev, c.check) && !measured) {
        met.push(`${c.check}: 未运行，没有检查结果 (did not run: no inspection)`);
      } else if (c.check !== undefined && c.countWarn && ev.checks?.[c.check]?.outcome === "warn") {
        met.push(`${c.check}: 警告 (warning)`);
      } else if (c.check !== undefined) {
        const n = c.where
          ? countFindings(ev, c.check, c.where)
          : Math.max(countFindings(ev, c.check), checkFailed(ev, c.check) ? 1 : 0);
        if (n >= c.minCount) met.push(`${c.check} ×${n}`);
      } else if (c.fact !== undefined) {
        const f = Number(ev.facts?.[c.fact]);
        if (c.atLeast !== undefined && Number.isFinite(f) && f >= c.atLeast) met.push(`${c.fact} = ${f}`);
      } else if (c.manual && ev.manual?.[v.id]) {
        met.push("manual");
      }
    }
    if (met.length > 0) vetoes.push({ id: v.id, name: v.name, conditions: met });
  }
  if (vetoes.length > 0) {
    const first = vetoes[0] as (typeof vetoes)[number];
    const nm = typeof first.name === "string" ? first.name : first.name.zh;
    return {
      verdict: "不合格",
      vetoes,
      deductionScore: null,
      bonusScore: null,
      total: null,
      items: [],
      reason: `单项否决：${nm} (${first.conditions.join(", ")})`,
    };
  }
  const skip = new Set(ctx.publicServices ? [] : (cl.withoutServices?.skipBlocks ?? []));
  let deducted = 0;
  let skippedPoints = 0;
  const items: ChecklistResult["items"] = [];
  for (const it of cl.deductions.items) {
    if (skip.has(it.block)) {
      skippedPoints += it.points;
      items.push({ id: it.id, block: it.block, points: it.points, deducted: 0, skipped: true, by: [] });
      continue;
    }
    const by: ChecklistResult["items"][number]["by"] = [];
    for (const r of it.rules) {
      const count = countFindings(ev, r.check, r.where);
      if (count > 0) by.push({ check: r.check, count, deducted: count * r.perFinding });
    }
    const entered = it.evaluator ? ev.figures?.[it.id] : undefined;
    if (entered !== undefined && entered > 0) by.push({ evaluator: true, count: 1, deducted: entered });
    const d = Math.min(
      by.reduce((s, b) => s + b.deducted, 0),
      it.points,
    );
    deducted += d;
    items.push({ id: it.id, block: it.block, points: it.points, deducted: d, skipped: false, by });
  }
  const total = cl.deductions.total;
  // Without services: scored out of (total − skipped) and scaled back to total (75 × 4/3).
  const deductionScore = ((total - skippedPoints - deducted) * total) / (total - skippedPoints);
  let bonusScore = 0;
  const bonus = cl.bonus;
  if (bonus && deductionScore > bonus.above && (ctx.portal || !bonus.portalOnly)) {
    for (const b of bonus.items) {
      const v = leafValue(b.id, b.source, ev);
      if (!Number.isNaN(v)) bonusScore += Math.min(Math.max(v, 0), b.points);
    }
    bonusScore = Math.min(bonusScore, bonus.max);
  }
  const pass = deductionScore >= cl.deductions.passMark;
  return {
    verdict: pass ? "合格" : "不合格",
    vetoes,
    deductionScore,
    bonusScore,
    total: deductionScore + bonusScore,
    items,
    reason: pass
      ? `扣分项得分 ${fmt(deductionScore)} ≥ ${cl.deductions.passMark}`
      : `扣分项得分 ${fmt(deductionScore)} < ${cl.deductions.passMark}`,
  };
}

function fmt(v: number): string {
  return Number(v.toFixed(2)).toString();
}
