import { createHash } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Database, EvaluationStatus, EvaluationTable, EvidenceKind } from "../store/schema.ts";

export interface EvaluationRow {
  id: number;
  code: string;
  name: string;
  frameworkId: string;
  frameworkVersion: string;
  frameworkSource: string;
  frameworkSha256: string;
  asOf: string;
  status: EvaluationStatus;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export class EvaluationError extends Error {}

function toEvaluationRow(r: Selectable<EvaluationTable>): EvaluationRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    frameworkId: r.framework_id,
    frameworkVersion: r.framework_version,
    frameworkSource: r.framework_source,
    frameworkSha256: r.framework_sha256,
    asOf: r.as_of,
    status: r.status,
  };
}

export async function getEvaluationIn(db: Kysely<Database>, code: string): Promise<EvaluationRow | null> {
  const r = await db.selectFrom("evaluation").selectAll().where("code", "=", code).executeTakeFirst();
  return r ? toEvaluationRow(r) : null;
}

/** Every evaluation, oldest first. */
export async function evaluationRows(db: Kysely<Database>): Promise<EvaluationRow[]> {
  const rows = await db.selectFrom("evaluation").selectAll().orderBy("id").execute();
  return rows.map(toEvaluationRow);
}

export async function getEvaluation(db: Kysely<Database>, code: string): Promise<EvaluationRow> {
  const e = await getEvaluationIn(db, code);
  if (!e) throw new EvaluationError(`没有评估 ${code} (no evaluation ${code})`);
  return e;
}

export async function listEvaluations(db: Kysely<Database>) {
  return db
    .selectFrom("evaluation")
    .leftJoin("evaluation_member", "evaluation_member.evaluation_id", "evaluation.id")
    .select([
      "evaluation.code",
      "evaluation.name",
      "evaluation.framework_id",
      "evaluation.as_of",
      "evaluation.status",
      // Units, each counted once however many categories rank it.
      sql<number>`count(distinct (evaluation_member.body_id, evaluation_member.app_id))`.as("bodies"),
    ])
    .groupBy(["evaluation.id", "evaluation.code", "evaluation.name"])
    .orderBy("evaluation.id")
    .execute();
}

export async function setStatus(db: Kysely<Database>, id: number, status: EvaluationStatus): Promise<void> {
  await db.updateTable("evaluation").set({ status, updated_at: new Date() }).where("id", "=", id).execute();
}

/** Stores one site's report; a rerun replaces the earlier one rather than adding a second. */
export async function saveInspection(
  db: Kysely<Database>,
  row: {
    evaluationId: number;
    websiteId: number;
    site: string;
    asOf: string;
    report: unknown;
    warcDir: string | null;
    startedAt: string;
    finishedAt: string;
  },
): Promise<void> {
  const values = {
    evaluation_id: row.evaluationId,
    website_id: row.websiteId,
    site: row.site,
    as_of: row.asOf,
    report: JSON.stringify(row.report),
    warc_dir: row.warcDir,
    started_at: row.startedAt,
    finished_at: row.finishedAt,
  };
  await db
    .insertInto("inspection")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["evaluation_id", "website_id"]).doUpdateSet({
        site: values.site,
        as_of: values.as_of,
        report: values.report,
        warc_dir: values.warc_dir,
        started_at: values.started_at,
        finished_at: values.finished_at,
      }),
    )
    .execute();
}

/**
 * Websites that have a report in the evaluation. A report of an inspection that broke (status
 * "failed": an error in the engine, not in the site) does not count: a rerun inspects it again.
 */
export async function inspectedWebsites(db: Kysely<Database>, evaluationId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom("inspection")
    .select("website_id")
    .where("evaluation_id", "=", evaluationId)
    .where(sql<string>`report->'facts'->>'inspection.status'`, "is distinct from", "failed")
    .execute();
  return new Set(rows.map((r) => r.website_id));
}

export async function inspectionReports(
  db: Kysely<Database>,
  evaluationId: number,
): Promise<Map<number, unknown>> {
  const rows = await db
    .selectFrom("inspection")
    .select(["website_id", "report"])
    .where("evaluation_id", "=", evaluationId)
    .execute();
  // PGlite and node-postgres both parse jsonb; a string means a driver that did not.
  return new Map(
    rows.map((r) => [r.website_id, typeof r.report === "string" ? JSON.parse(r.report) : r.report]),
  );
}

export interface EvidenceValueRow {
  bodyId: string;
  /** The app the value is about, in an evaluation of apps (absent or null: the body itself). */
  appId?: number | null;
  kind: EvidenceKind;
  code: string;
  value: unknown;
  source: string;
}

export async function saveEvidenceValues(
  db: Kysely<Database>,
  evaluationId: number,
  rows: readonly EvidenceValueRow[],
): Promise<void> {
  if (rows.length === 0) return;
  // Joins the caller's transaction when there is one (a submission with its attachment).
  const write = async (trx: Kysely<Database>) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map((r) => ({
        evaluation_id: evaluationId,
        body_id: r.bodyId,
        app_id: r.appId ?? null,
        kind: r.kind,
        code: r.code,
        value: JSON.stringify(r.value),
        source: r.source,
      }));
      await trx
        .insertInto("evidence_value")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["evaluation_id", "body_id", "app_id", "kind", "code"]).doUpdateSet((eb) => ({
            value: eb.ref("excluded.value"),
            source: eb.ref("excluded.source"),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export async function evidenceValues(
  db: Kysely<Database>,
  evaluationId: number,
): Promise<EvidenceValueRow[]> {
  const rows = await db
    .selectFrom("evidence_value")
    .select(["body_id", "app_id", "kind", "code", "value", "source"])
    .where("evaluation_id", "=", evaluationId)
    .orderBy("body_id")
    .orderBy("app_id")
    .orderBy("kind")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({
    bodyId: r.body_id,
    appId: r.app_id,
    kind: r.kind,
    code: r.code,
    // Both drivers parse jsonb, so a JSON string value arrives as a plain string.
    value: r.value,
    source: r.source,
  }));
}

/** The place of a unit in one of its categories: its rank on every node among that category's units. */
export interface CategoryRanks {
  /** The category's Chinese name; null for a body added by id outside the evaluation's categories. */
  category: string | null;
  ranks: Record<string, number | null>;
}

export interface ScoredBody {
  /** The body evaluated, or the body that owns the app evaluated. */
  bodyId: string;
  /** The app evaluated, in an evaluation of apps. */
  app?: { id: number; name: string };
  /** Scores on every node, computed once for the unit whatever the number of its categories. */
  scores: Record<string, number | null>;
  /** Ranks in each category the unit belongs to, in the evaluation's order of categories. */
  rankings: CategoryRanks[];
  /** The first of `rankings` (what readers of the first output format read). */
  category: string | null;
  ranks: Record<string, number | null>;
  tier: string | null;
}

/**
 * Keeps a scoring run: its full output and hashes of what went in, and one row per unit ×
 * category × node (the unit's score, its rank in that category).
 */
export async function saveScoreRun(
  db: Kysely<Database>,
  run: {
    evaluationId: number;
    frameworkSha256: string;
    inputSha256: string;
    output: unknown;
    bodies: ScoredBody[];
  },
): Promise<{ runId: number; outputSha256: string }> {
  const text = JSON.stringify(run.output);
  const outputSha256 = sha256(text);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("score_run")
      .values({
        evaluation_id: run.evaluationId,
        framework_sha256: run.frameworkSha256,
        input_sha256: run.inputSha256,
        output_sha256: outputSha256,
        output: text,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const codes = new Map(
      (await trx.selectFrom("category").select(["code", "name_zh"]).execute()).map((c) => [
        c.name_zh,
        c.code,
      ]),
    );
    const rows = run.bodies.flatMap((b) =>
      b.rankings.flatMap((r) => {
        const unit = {
          run_id: id,
          body_id: b.bodyId,
          app_id: b.app?.id ?? null,
          category_code: r.category === null ? null : (codes.get(r.category) ?? null),
        };
        return [
          ...Object.keys(b.scores).map((node) => ({
            ...unit,
            node,
            score: b.scores[node] ?? null,
            rank: r.ranks[node] ?? null,
            tier: null as string | null,
          })),
          // The tier belongs to the unit as a whole; it is kept on a row of its own node "*".
          { ...unit, node: "*", score: null, rank: null, tier: b.tier },
        ];
      }),
    );
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto("score_result")
        .values(rows.slice(i, i + 1000))
        .execute();
    return { runId: id, outputSha256 };
  });
}
