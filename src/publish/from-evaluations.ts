import type { Kysely } from "kysely";
import { getEvaluation } from "../evaluations/evaluation-store.ts";
import { type EvaluationCategory, evaluationCategories } from "../evaluations/members.ts";
import { type EvaluationScores, rankingsOf } from "../evaluations/score-evaluation.ts";
import { parseFramework } from "../frameworks/load.ts";
import type { Framework } from "../frameworks/schema.ts";
import { frameworkTiers } from "../frameworks/tier-ladder.ts";
import type { TieRule } from "../scoring/types.ts";
import type { Database } from "../store/schema.ts";
import type { TierSettings } from "./build-input.ts";
import { problem, ReleaseInputError } from "./input-error.ts";
import { loadReleaseInput, type ReleaseSettings } from "./load-input.ts";
import { officialDepartmentOrder } from "./official-order.ts";
import { appLabel } from "./place-name.ts";
import type { ScoreRow, ScoresFile } from "./scores-csv.ts";
import type { PracticeCase, ReleaseInput } from "./types.ts";

/** What a release takes from evaluations in the database. */
export interface DatabaseRelease {
  /** Every evaluation's rows: evaluations in the order named, categories in each one's own order. */
  readonly scores: ScoresFile;
  /** Each evaluation's tiers, from its framework, by the name the release prints. */
  readonly tiersFor: Record<string, TierSettings>;
  /** Each evaluation's ranking convention, from its framework. */
  readonly rankingFor: Record<string, TieRule>;
  /** The years of the evaluations' as-of dates, in order. */
  readonly years: number[];
  /** The practice cases the evaluations received. */
  readonly cases: PracticeCase[];
}

/** A release from the database: the evaluations it covers and, optionally, the previous edition's. */
export interface DatabaseReleaseRequest {
  /** Evaluation codes, in the order of the release's sections. */
  readonly evaluations: readonly string[];
  /** The previous edition's evaluations, matched to these by name, for the year over year. */
  readonly previous?: readonly string[] | undefined;
  /** Tiers every tiered evaluation lists by name (default: the top two of its framework's). */
  readonly publishTiers?: readonly string[] | undefined;
  /** Files that stand in for what the database has: last edition's scores, cases, evidence links. */
  readonly previousFile?: string | undefined;
  readonly casesFile?: string | undefined;
  readonly evidenceFile?: string | undefined;
}

/**
 * One release from several evaluations in the database: their latest runs, each with its
 * framework's tier ladder and ranking convention, the cases they received, and the previous
 * edition's evaluations when named. The edition years default to the evaluations' as-of years.
 */
export async function loadDatabaseRelease(
  db: Kysely<Database>,
  request: DatabaseReleaseRequest,
  settings: Omit<ReleaseSettings, "tierLadder" | "publishedTiers" | "tiersFor">,
): Promise<ReleaseInput> {
  const current = await releaseFromEvaluations(db, request.evaluations, request.publishTiers);
  const previous = request.previous?.length
    ? await releaseFromEvaluations(db, request.previous, request.publishTiers)
    : undefined;
  const sameYear = (years: readonly number[]) =>
    years.length > 0 && years.every((y) => y === years[0]) ? years[0] : undefined;
  return loadReleaseInput(
    {
      scores: current.scores,
      previous: previous?.scores ?? request.previousFile,
      cases: request.casesFile ?? current.cases,
      evidence: request.evidenceFile,
    },
    {
      ...settings,
      tiersFor: { ...previous?.tiersFor, ...current.tiersFor },
      rankingFor: { ...previous?.rankingFor, ...current.rankingFor, ...settings.rankingFor },
      year: settings.year ?? sameYear(current.years),
      previousYear: settings.previousYear ?? (previous ? sameYear(previous.years) : undefined),
    },
  );
}

const UNCATEGORISED = { zh: "未分类", en: "Uncategorised" };
const CHECKLIST_DIMENSIONS: Readonly<Record<string, string>> = {
  deductions: "扣分项得分",
  bonus: "加分项得分",
};

const zhName = (name: Framework["name"] | undefined, fallback: string) =>
  name === undefined ? fallback : typeof name === "string" ? name : name.zh;

/**
 * The latest scoring run of each named evaluation as rows of one scores file, so that a release
 * from the database goes through the same building, ordering and text as one from a CSV. Every
 * name is the one a release prints, in Chinese with the English where the registry has it: the
 * evaluation's name, each category's title (or name), a body's short name, an app with its place
 * (随申办（上海）), the root's children by name as dimensions. A unit is listed in every category
 * it was ranked in. Each evaluation's tier ladder is its framework's (档/级 taken off as the
 * release prints them), its published tiers `publishTiers` or the ladder's top two.
 */
export async function releaseFromEvaluations(
  db: Kysely<Database>,
  codes: readonly string[],
  publishTiers?: readonly string[],
): Promise<DatabaseRelease> {
  const problems = [];
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code))
      problems.push(
        problem("--evaluation", null, null, `评估 ${code} 列了两次`, `evaluation ${code} is named twice`),
      );
    seen.add(code);
  }
  if (problems.length) throw new ReleaseInputError(problems);
  const located = await ancestry(db);
  const official = officialDepartmentOrder();
  const rows: ScoreRow[] = [];
  const dimensions: string[] = [];
  const tiersFor: Record<string, TierSettings> = {};
  const rankingFor: Record<string, TieRule> = {};
  const years: number[] = [];
  const names = new Map<string, string>();
  for (const code of codes) {
    const ev = await getEvaluation(db, code);
    const run = await db
      .selectFrom("score_run")
      .select(["id", "output"])
      .where("evaluation_id", "=", ev.id)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!run) {
      problems.push(
        problem(
          "--evaluation",
          null,
          null,
          `评估 ${code} 尚未计分：先运行 govscore evaluation score ${code}`,
          `evaluation ${code} is not scored yet: run govscore evaluation score ${code} first`,
        ),
      );
      continue;
    }
    const other = names.get(ev.name);
    if (other)
      problems.push(
        problem(
          "--evaluation",
          null,
          null,
          `评估 ${other} 和 ${code} 同名「${ev.name}」：发布稿按名称区分评估`,
          `evaluations ${other} and ${code} share the name "${ev.name}": a release tells evaluations apart by name`,
        ),
      );
    names.set(ev.name, code);
    const out = (typeof run.output === "string" ? JSON.parse(run.output) : run.output) as EvaluationScores;
    const fw = parseFramework(ev.frameworkSource, ev.code);
    const tiers = tierSettings(frameworkTiers(fw), publishTiers);
    tiersFor[ev.name] = tiers.settings;
    rankingFor[ev.name] = fw.pipeline?.ranking.ties ?? "competition";
    years.push(Number(ev.asOf.slice(0, 4)));
    const dims =
      fw.kind === "checklist"
        ? Object.entries(CHECKLIST_DIMENSIONS)
        : (fw.tree?.children ?? []).map((c) => [c.code, zhName(c.name, c.code)] as const);
    for (const [, d] of dims) if (!dimensions.includes(d)) dimensions.push(d);
    const evaluationEn = typeof fw.name !== "string" && fw.name.zh === ev.name ? fw.name.en : undefined;
    const categories = await evaluationCategories(db, ev.id);
    const bodies = await db
      .selectFrom("body")
      .select(["id", "name", "short_name"])
      .where(
        "id",
        "in",
        out.bodies.map((b) => b.bodyId),
      )
      .execute();
    const byId = new Map(bodies.map((b) => [b.id, b]));
    const num = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v);
    for (const group of groupsOf(out, categories)) {
      for (const { unit, ranks } of group.members) {
        const body = byId.get(unit.bodyId);
        const bodyName = body?.short_name ?? body?.name ?? unit.bodyId;
        const tier = unit.tier === null ? undefined : tiers.bare(unit.tier);
        rows.push({
          line: rows.length + 2,
          evaluation: ev.name,
          evaluationEn,
          category: group.name,
          categoryEn: group.nameEn,
          body: unit.app ? appLabel(unit.app.name, bodyName) : bodyName,
          unit: unit.app ? `app:${unit.app.id}` : `body:${unit.bodyId}`,
          divisionCode: located(unit.bodyId),
          order: unit.app
            ? undefined
            : [body?.short_name, body?.name]
                .map((n) => (n ? official.get(n) : undefined))
                .find((o) => o !== undefined),
          score: num(unit.scores[out.root]),
          rank: fw.kind === "checklist" ? undefined : num(ranks[out.root]),
          tier,
          tierSuffix: tier === undefined ? undefined : tiers.suffix,
          dimensions: Object.fromEntries(dims.map(([node, d]) => [d, num(unit.scores[node])])),
        });
      }
    }
  }
  if (problems.length) throw new ReleaseInputError(problems);
  return {
    scores: { file: `evaluations ${codes.join(", ")}`, rows, dimensions },
    tiersFor,
    rankingFor,
    years,
    cases: await casesOf(db, codes),
  };
}

type StoredUnit = EvaluationScores["bodies"][number];

/**
 * A run's units grouped by category, in the evaluation's order of categories; a category the run
 * names that the evaluation no longer has (renamed since) comes after them, under the run's name.
 */
function groupsOf(out: EvaluationScores, categories: readonly EvaluationCategory[]) {
  const groups = categories.map((c) => ({
    key: c.name as string | null,
    name: c.title ?? c.name,
    nameEn: c.nameEn,
    members: [] as { unit: StoredUnit; ranks: Record<string, number | null> }[],
  }));
  for (const unit of out.bodies) {
    for (const r of rankingsOf(unit)) {
      let g = groups.find((x) => x.key === r.category);
      if (!g) {
        g = {
          key: r.category,
          name: r.category ?? UNCATEGORISED.zh,
          nameEn: r.category === null ? UNCATEGORISED.en : r.category,
          members: [],
        };
        groups.push(g);
      }
      g.members.push({ unit, ranks: r.ranks });
    }
  }
  return groups.filter((g) => g.members.length > 0);
}

/**
 * The release's tiers from a framework's: when every tier name ends in 级 (or 档), as 卓越级 does,
 * the ladder is the names without it and the suffix is printed after them, as the release does.
 */
function tierSettings(
  names: readonly string[],
  publishTiers: readonly string[] | undefined,
): { settings: TierSettings; suffix: "档" | "级" | undefined; bare(tier: string): string } {
  const suffix = (["级", "档"] as const).find(
    (s) => names.length > 0 && names.every((n) => n.length > 1 && n.endsWith(s)),
  );
  const bare = (t: string) => (suffix && t.length > 1 && t.endsWith(suffix) ? t.slice(0, -1) : t);
  const tierLadder = names.map(bare);
  const publishedTiers = publishTiers ? publishTiers.map(bare) : tierLadder.slice(0, 2);
  return { settings: { tierLadder, publishedTiers }, suffix, bare };
}

/** Each body's division code, or its nearest ancestor's (a development zone sorts where it lies). */
async function ancestry(db: Kysely<Database>): Promise<(bodyId: string) => string | undefined> {
  const bodies = await db.selectFrom("body").select(["id", "division_code", "parent_id"]).execute();
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return (id) => {
    const seen = new Set<string>();
    let cur = byId.get(id);
    while (cur && !seen.has(cur.id)) {
      if (cur.division_code) return cur.division_code;
      seen.add(cur.id);
      cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id);
    }
    return undefined;
  };
}

/** The practice cases the evaluations received, each with the body that sent it and its class. */
async function casesOf(db: Kysely<Database>, codes: readonly string[]): Promise<PracticeCase[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom("practice_case")
    .innerJoin("evaluation", "evaluation.id", "practice_case.evaluation_id")
    .innerJoin("body", "body.id", "practice_case.body_id")
    .select(["practice_case.title", "practice_case.class", "body.name", "body.short_name"])
    .where("evaluation.code", "in", codes)
    .orderBy("practice_case.id")
    .execute();
  return rows.map((r) => ({ title: r.title, body: r.short_name ?? r.name, kind: r.class }));
}
