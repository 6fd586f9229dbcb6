import { createHash } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Framework } from "../frameworks/schema.ts";
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

export interface TargetBody {
  bodyId: string;
  name: string;
  shortName: string | null;
  divisionCode: string | null;
  /** The category the body is ranked in, by its Chinese name (null: none chosen). */
  category: string | null;
  websites: { id: number; url: string; role: string }[];
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

export class EvaluationError extends Error {}

/**
 * Creates an evaluation over the bodies of the given categories. A body in several of them is
 * ranked in the first one listed, as a release lists each body once per ranking.
 */
export async function createEvaluation(
  db: Kysely<Database>,
  input: {
    code: string;
    name: string;
    framework: Framework;
    frameworkSource: string;
    asOf: string;
    categories: string[];
    bodies?: string[];
  },
): Promise<{ evaluation: EvaluationRow; targets: number }> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom("evaluation")
      .select("id")
      .where("code", "=", input.code)
      .executeTakeFirst();
    if (exists) throw new EvaluationError(`评估 ${input.code} 已存在 (evaluation ${input.code} exists)`);
    const cats = input.categories.length
      ? await trx
          .selectFrom("category")
          .select(["code", "name_zh"])
          .where((eb) => eb.or([eb("code", "in", input.categories), eb("name_zh", "in", input.categories)]))
          .execute()
      : [];
    const unknown = input.categories.filter((c) => !cats.some((k) => k.code === c || k.name_zh === c));
    if (unknown.length) throw new EvaluationError(`未知类别 (unknown categories): ${unknown.join(", ")}`);
    const ordered = input.categories.map((c) => cats.find((k) => k.code === c || k.name_zh === c)?.code);
    const row = await trx
      .insertInto("evaluation")
      .values({
        code: input.code,
        name: input.name,
        framework_id: input.framework.id,
        framework_version: input.framework.version,
        framework_source: input.frameworkSource,
        framework_sha256: sha256(input.frameworkSource),
        as_of: input.asOf,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const members = ordered.length
      ? await trx
          .selectFrom("body_category")
          .select(["body_id", "category_code"])
          .where("category_code", "in", ordered as string[])
          .execute()
      : [];
    const chosen = new Map<string, string | null>();
    for (const code of ordered)
      for (const m of members)
        if (m.category_code === code && !chosen.has(m.body_id)) chosen.set(m.body_id, code ?? null);
    if (input.bodies?.length) {
      const found = await trx.selectFrom("body").select("id").where("id", "in", input.bodies).execute();
      const missing = input.bodies.filter((b) => !found.some((f) => f.id === b));
      if (missing.length) throw new EvaluationError(`未知单位 (unknown bodies): ${missing.join(", ")}`);
      for (const b of input.bodies) if (!chosen.has(b)) chosen.set(b, null);
    }
    if (chosen.size === 0)
      throw new EvaluationError("评估没有任何被评估单位 (the evaluation has no bodies to evaluate)");
    await trx
      .insertInto("evaluation_body")
      .values(
        [...chosen].map(([body_id, category_code]) => ({ evaluation_id: row.id, body_id, category_code })),
      )
      .execute();
    const evaluation = await getEvaluationIn(trx, input.code);
    return { evaluation: evaluation as EvaluationRow, targets: chosen.size };
  });
}

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

async function getEvaluationIn(db: Kysely<Database>, code: string): Promise<EvaluationRow | null> {
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
    .leftJoin("evaluation_body", "evaluation_body.evaluation_id", "evaluation.id")
    .select((eb) => [
      "evaluation.code",
      "evaluation.name",
      "evaluation.framework_id",
      "evaluation.as_of",
      "evaluation.status",
      eb.fn.count<number>("evaluation_body.body_id").as("bodies"),
    ])
    .groupBy(["evaluation.id", "evaluation.code", "evaluation.name"])
    .orderBy("evaluation.id")
    .execute();
}

/** The bodies of an evaluation with their websites, portals first, in registry order. */
export async function evaluationTargets(db: Kysely<Database>, evaluationId: number): Promise<TargetBody[]> {
  const bodies = await db
    .selectFrom("evaluation_body")
    .innerJoin("body", "body.id", "evaluation_body.body_id")
    .leftJoin("category", "category.code", "evaluation_body.category_code")
    .select(["body.id", "body.name", "body.short_name", "body.division_code", "category.name_zh as category"])
    .where("evaluation_body.evaluation_id", "=", evaluationId)
    .orderBy("body.id")
    .execute();
  const sites = await db
    .selectFrom("website")
    .innerJoin("evaluation_body", "evaluation_body.body_id", "website.body_id")
    .select(["website.id", "website.body_id", "website.url", "website.role"])
    .where("evaluation_body.evaluation_id", "=", evaluationId)
    .orderBy("website.id")
    .execute();
  const roleOrder = (r: string) => (r === "portal" ? 0 : r === "department" ? 1 : 2);
  return bodies.map((b) => ({
    bodyId: b.id,
    name: b.name,
    shortName: b.short_name,
    divisionCode: b.division_code,
    category: b.category ?? null,
    websites: sites
      .filter((s) => s.body_id === b.id)
      .sort((x, y) => roleOrder(x.role) - roleOrder(y.role) || x.id - y.id)
      .map((s) => ({ id: s.id, url: s.url, role: s.role })),
  }));
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
        kind: r.kind,
        code: r.code,
        value: JSON.stringify(r.value),
        source: r.source,
      }));
      await trx
        .insertInto("evidence_value")
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(["evaluation_id", "body_id", "kind", "code"]).doUpdateSet((eb) => ({
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
    .select(["body_id", "kind", "code", "value", "source"])
    .where("evaluation_id", "=", evaluationId)
    .orderBy("body_id")
    .orderBy("kind")
    .orderBy("code")
    .execute();
  return rows.map((r) => ({
    bodyId: r.body_id,
    kind: r.kind,
    code: r.code,
    // Both drivers parse jsonb, so a JSON string value arrives as a plain string.
    value: r.value,
    source: r.source,
  }));
}

export interface ScoredBody {
  bodyId: string;
  scores: Record<string, number | null>;
  ranks: Record<string, number | null>;
  tier: string | null;
}

/** Keeps a scoring run: its full output and hashes of what went in, and one row per body × node. */
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
    const rows = run.bodies.flatMap((b) =>
      Object.keys(b.scores).map((node) => ({
        run_id: id,
        body_id: b.bodyId,
        node,
        score: b.scores[node] ?? null,
        rank: b.ranks[node] ?? null,
        tier: null as string | null,
      })),
    );
    // The tier belongs to the body as a whole; it is kept on a row of its own node "*".
    for (const b of run.bodies)
      rows.push({ run_id: id, body_id: b.bodyId, node: "*", score: null, rank: null, tier: b.tier });
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto("score_result")
        .values(rows.slice(i, i + 1000))
        .execute();
    return { runId: id, outputSha256 };
  });
}
