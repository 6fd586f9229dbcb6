import type { Kysely } from "kysely";
import type { Framework } from "../frameworks/schema.ts";
import { closestName } from "../registry/closest-name.ts";
import type { CategoryScope, Database } from "../store/schema.ts";
import { type CategorySpec, parseCategorySpec } from "./category-spec.ts";
import { EvaluationError, type EvaluationRow, getEvaluationIn, sha256 } from "./evaluation-store.ts";

/** A category of an evaluation, in the order the evaluation lists its categories. */
export interface EvaluationCategory {
  code: string;
  /** The category's Chinese name (省会城市). */
  name: string;
  nameEn: string;
  /** The title a release gives it when it is not its name (重点城市数字政府服务能力评估). */
  title: string | null;
  appliesTo: CategoryScope;
}

/**
 * One evaluated unit: a body, or an app (then `bodyId` and the names are its owner's), with
 * every category it is ranked in.
 */
export interface TargetUnit {
  bodyId: string;
  name: string;
  shortName: string | null;
  divisionCode: string | null;
  app: { id: number; name: string } | null;
  /** The categories it is ranked in, by Chinese name, in the evaluation's order (empty: added by id). */
  categories: string[];
  /** A body's websites, portals first; none for an app. */
  websites: { id: number; url: string; role: string }[];
}

export interface CreatedEvaluation {
  evaluation: EvaluationRow;
  /** Units evaluated, each counted once. */
  targets: number;
  /** Each listed category with the number of units ranked in it. */
  categories: { category: string; title: string | null; units: number }[];
}

/**
 * Creates an evaluation over every body (or, for app categories, every app) of the listed
 * categories. A unit is ranked in each listed category it belongs to, as the national release
 * ranks 成都 among 副省级城市 and among 省会城市; its score is computed once. Categories are kept in
 * the order listed, which is the order of a release's rankings and tier lists. An unknown
 * category is refused with the closest known name; nothing is written then.
 */
export async function createEvaluation(
  db: Kysely<Database>,
  input: {
    code: string;
    name: string;
    framework: Framework;
    frameworkSource: string;
    asOf: string;
    /** Names or codes, optionally `名称=发布标题`. */
    categories: readonly (string | CategorySpec)[];
    bodies?: readonly string[];
  },
): Promise<CreatedEvaluation> {
  return db.transaction().execute(async (trx) => {
    const exists = await getEvaluationIn(trx, input.code);
    if (exists) throw new EvaluationError(`评估 ${input.code} 已存在 (evaluation ${input.code} exists)`);
    const listed = await resolveCategories(trx, input.categories);
    const scope: CategoryScope = listed[0]?.appliesTo ?? "body";
    if (scope === "app" && input.bodies?.length)
      throw new EvaluationError(
        "应用评估按类别选定应用，不能另加单位 (an evaluation of apps takes its apps from app categories; --body adds bodies only)",
      );
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
    if (listed.length)
      await trx
        .insertInto("evaluation_category")
        .values(
          listed.map((c, i) => ({
            evaluation_id: row.id,
            category_code: c.code,
            position: i + 1,
            title: c.title,
          })),
        )
        .execute();
    const members = await membersOf(trx, scope, listed);
    const extra = await extraBodies(trx, input.bodies ?? [], members);
    const all = [...members, ...extra];
    if (all.length === 0)
      throw new EvaluationError(
        scope === "app"
          ? "所列类别中没有任何应用 (the listed categories hold no apps to evaluate)"
          : "评估没有任何被评估单位 (the evaluation has no bodies to evaluate)",
      );
    for (let i = 0; i < all.length; i += 1000)
      await trx
        .insertInto("evaluation_member")
        .values(all.slice(i, i + 1000).map((m) => ({ evaluation_id: row.id, ...m })))
        .execute();
    const evaluation = (await getEvaluationIn(trx, input.code)) as EvaluationRow;
    return {
      evaluation,
      targets: new Set(all.map((m) => `${m.body_id}\u0000${m.app_id ?? ""}`)).size,
      categories: listed.map((c) => ({
        category: c.name,
        title: c.title,
        units: all.filter((m) => m.category_code === c.code).length,
      })),
    };
  });
}

/** Finds each listed category by code or Chinese name; every unknown or repeated one is an error. */
async function resolveCategories(
  db: Kysely<Database>,
  given: readonly (string | CategorySpec)[],
): Promise<EvaluationCategory[]> {
  const known = await db
    .selectFrom("category")
    .select(["code", "name_zh", "name_en", "applies_to"])
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
  const problems: string[] = [];
  const out: EvaluationCategory[] = [];
  for (const g of given) {
    const spec = typeof g === "string" ? parseCategorySpec(g) : g;
    const c = known.find((k) => k.code === spec.category || k.name_zh === spec.category);
    if (!c) {
      const near = closestName(
        spec.category,
        known.map((k) => k.name_zh),
      );
      problems.push(
        `未知类别「${spec.category}」${near ? `，是否指「${near}」？` : ""} (unknown category "${spec.category}"${near ? `; did you mean "${near}"?` : ""})`,
      );
      continue;
    }
    if (out.some((o) => o.code === c.code)) {
      problems.push(`类别「${c.name_zh}」列了两次 (category "${c.name_zh}" is listed twice)`);
      continue;
    }
    out.push({
      code: c.code,
      name: c.name_zh,
      nameEn: c.name_en,
      title: spec.title && spec.title !== c.name_zh ? spec.title : null,
      appliesTo: c.applies_to,
    });
  }
  if (new Set(out.map((c) => c.appliesTo)).size > 1)
    problems.push(
      `一个评估只评估单位或只评估应用：${out.map((c) => `${c.name}（${c.appliesTo === "app" ? "应用" : "单位"}）`).join("、")} (an evaluation evaluates bodies or apps, not both)`,
    );
  if (problems.length) throw new EvaluationError(problems.join("\n"));
  return out;
}

interface MemberRow {
  body_id: string;
  app_id: number | null;
  category_code: string | null;
}

/** Every body (or app) of the listed categories, once per category it belongs to. */
async function membersOf(
  db: Kysely<Database>,
  scope: CategoryScope,
  listed: readonly EvaluationCategory[],
): Promise<MemberRow[]> {
  const codes = listed.map((c) => c.code);
  if (codes.length === 0) return [];
  if (scope === "app")
    return db
      .selectFrom("app_category")
      .innerJoin("app", "app.id", "app_category.app_id")
      .select(["app.body_id", "app.id as app_id", "app_category.category_code"])
      .where("app_category.category_code", "in", codes)
      .orderBy("app.body_id")
      .orderBy("app.id")
      .execute();
  const rows = await db
    .selectFrom("body_category")
    .select(["body_id", "category_code"])
    .where("category_code", "in", codes)
    .orderBy("body_id")
    .execute();
  return rows.map((r) => ({ body_id: r.body_id, app_id: null, category_code: r.category_code }));
}

/** Bodies named by id: each must exist; one already ranked in a listed category is not added again. */
async function extraBodies(
  db: Kysely<Database>,
  ids: readonly string[],
  members: readonly MemberRow[],
): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom("body").select("id").where("id", "in", ids).execute();
  const missing = ids.filter((b) => !found.some((f) => f.id === b));
  if (missing.length) throw new EvaluationError(`未知单位 (unknown bodies): ${missing.join(", ")}`);
  const inside = new Set(members.map((m) => m.body_id));
  return [...new Set(ids)]
    .filter((id) => !inside.has(id))
    .map((body_id) => ({ body_id, app_id: null, category_code: null }));
}

/** An evaluation's categories in the order they were listed. */
export async function evaluationCategories(
  db: Kysely<Database>,
  evaluationId: number,
): Promise<EvaluationCategory[]> {
  const rows = await db
    .selectFrom("evaluation_category")
    .innerJoin("category", "category.code", "evaluation_category.category_code")
    .select([
      "category.code",
      "category.name_zh",
      "category.name_en",
      "category.applies_to",
      "evaluation_category.title",
    ])
    .where("evaluation_category.evaluation_id", "=", evaluationId)
    .orderBy("evaluation_category.position")
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name_zh,
    nameEn: r.name_en,
    title: r.title,
    appliesTo: r.applies_to,
  }));
}

/**
 * The units of an evaluation, each once with all its categories (in the evaluation's order) and,
 * for a body, its websites (portals first); ordered by body id, then app name.
 */
export async function evaluationTargets(db: Kysely<Database>, evaluationId: number): Promise<TargetUnit[]> {
  const [rows, categories] = await Promise.all([
    db
      .selectFrom("evaluation_member")
      .innerJoin("body", "body.id", "evaluation_member.body_id")
      .leftJoin("app", "app.id", "evaluation_member.app_id")
      .select([
        "body.id",
        "body.name",
        "body.short_name",
        "body.division_code",
        "app.id as app_id",
        "app.name as app_name",
        "evaluation_member.category_code",
      ])
      .where("evaluation_member.evaluation_id", "=", evaluationId)
      .orderBy("body.id")
      .orderBy("app.name")
      .execute(),
    evaluationCategories(db, evaluationId),
  ]);
  const sites = await db
    .selectFrom("website")
    .select(["website.id", "website.body_id", "website.url", "website.role"])
    .where(
      "website.body_id",
      "in",
      db
        .selectFrom("evaluation_member")
        .select("body_id")
        .where("evaluation_id", "=", evaluationId)
        .where("app_id", "is", null),
    )
    .orderBy("website.id")
    .execute();
  const position = new Map(categories.map((c, i) => [c.code, i]));
  const nameOf = new Map(categories.map((c) => [c.code, c.name]));
  const roleOrder = (r: string) => (r === "portal" ? 0 : r === "department" ? 1 : 2);
  const units = new Map<string, TargetUnit & { codes: string[] }>();
  for (const r of rows) {
    const key = `${r.id}\u0000${r.app_id ?? ""}`;
    let unit = units.get(key);
    if (!unit) {
      unit = {
        bodyId: r.id,
        name: r.name,
        shortName: r.short_name,
        divisionCode: r.division_code,
        app: r.app_id === null || r.app_name === null ? null : { id: r.app_id, name: r.app_name },
        categories: [],
        codes: [],
        websites:
          r.app_id === null
            ? sites
                .filter((s) => s.body_id === r.id)
                .sort((x, y) => roleOrder(x.role) - roleOrder(y.role) || x.id - y.id)
                .map((s) => ({ id: s.id, url: s.url, role: s.role }))
            : [],
      };
      units.set(key, unit);
    }
    if (r.category_code !== null) unit.codes.push(r.category_code);
  }
  return [...units.values()].map(({ codes, ...u }) => ({
    ...u,
    categories: codes
      .sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0))
      .map((c) => nameOf.get(c) ?? c),
  }));
}
