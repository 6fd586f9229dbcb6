import type { Kysely } from "kysely";
import { getEvaluation } from "../evaluations/evaluation-store.ts";
import type { EvaluationScores } from "../evaluations/score-evaluation.ts";
import { parseFramework } from "../frameworks/load.ts";
import { writeCsv } from "../registry/csv-cells.ts";
import type { Database } from "../store/schema.ts";

/**
 * An evaluation's latest scoring run as a scores file (docs/publishing.md), so a release from the
 * database goes through exactly the same reading, checking and ranking as one from a CSV. The
 * dimensions are the root's children (a check list: its deduction and bonus scores).
 */
export async function scoresCsvFromEvaluation(
  db: Kysely<Database>,
  code: string,
): Promise<{ file: string; bytes: Buffer }> {
  const ev = await getEvaluation(db, code);
  const run = await db
    .selectFrom("score_run")
    .select(["id", "output"])
    .where("evaluation_id", "=", ev.id)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!run)
    throw new Error(`评估 ${code} 尚未计分：先运行 govscore evaluation score ${code} (not scored yet)`);
  const out = (typeof run.output === "string" ? JSON.parse(run.output) : run.output) as EvaluationScores;
  const fw = parseFramework(ev.frameworkSource, ev.code);
  const dimensions =
    fw.kind === "checklist" ? ["deductions", "bonus"] : (fw.tree?.children ?? []).map((c) => c.code);
  const bodies = await db
    .selectFrom("body")
    .select(["id", "name", "short_name", "division_code"])
    .where(
      "id",
      "in",
      out.bodies.map((b) => b.bodyId),
    )
    .execute();
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const header = ["evaluation", "category", "body", "division_code", "score", "rank", "tier", ...dimensions];
  const rows = out.bodies.map((b) => {
    const body = byId.get(b.bodyId);
    // Numbers stay numbers (writeCsv neutralises text only).
    const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : v);
    return [
      ev.name,
      b.category ?? "",
      body?.short_name ?? body?.name ?? b.bodyId,
      body?.division_code ?? "",
      num(b.scores[out.root]),
      fw.kind === "checklist" ? "" : num(b.ranks[out.root]),
      b.tier ?? "",
      ...dimensions.map((d) => num(b.scores[d])),
    ];
  });
  return {
    file: `evaluation ${code} (score run #${run.id})`,
    bytes: Buffer.from(writeCsv([header, ...rows])),
  };
}
