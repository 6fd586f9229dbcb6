import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { saveEvidenceValues } from "./evaluation-store.ts";

export type Consensus =
  | { state: "pending" }
  | { state: "agreed"; level: string }
  | { state: "disagreed"; levels: string[] };

/** Double scoring: the level stands once every assigned expert has scored and all agree. */
export function consensus(levels: readonly (string | null)[]): Consensus {
  if (levels.length === 0 || levels.some((l) => l === null)) return { state: "pending" };
  const distinct = [...new Set(levels as string[])].sort();
  return distinct.length === 1
    ? { state: "agreed", level: distinct[0] as string }
    : { state: "disagreed", levels: distinct };
}

/**
 * Brings the rubric value of one body × indicator in line with its experts' scores. A reviewer's
 * resolution (source `review:…`) stands over the experts; otherwise an agreed level is written
 * and a disagreement leaves no value until a reviewer resolves it.
 */
export async function applyConsensus(
  db: Kysely<Database>,
  evaluationId: number,
  bodyId: string,
  indicator: string,
): Promise<Consensus> {
  const tasks = await db
    .selectFrom("expert_task")
    .select(["level"])
    .where("evaluation_id", "=", evaluationId)
    .where("body_id", "=", bodyId)
    .where("indicator", "=", indicator)
    .execute();
  const c = consensus(tasks.map((t) => t.level));
  const current = await db
    .selectFrom("evidence_value")
    .select("source")
    .where("evaluation_id", "=", evaluationId)
    .where("body_id", "=", bodyId)
    .where("kind", "=", "rubric")
    .where("code", "=", indicator)
    .executeTakeFirst();
  if (current?.source.startsWith("review:")) return c;
  if (c.state === "agreed")
    await saveEvidenceValues(db, evaluationId, [
      { bodyId, kind: "rubric", code: indicator, value: c.level, source: `experts:${tasks.length}` },
    ]);
  else if (current)
    await db
      .deleteFrom("evidence_value")
      .where("evaluation_id", "=", evaluationId)
      .where("body_id", "=", bodyId)
      .where("kind", "=", "rubric")
      .where("code", "=", indicator)
      .execute();
  return c;
}

/** Body × indicator pairs whose experts disagree and that no reviewer has resolved yet. */
export async function disagreements(db: Kysely<Database>, evaluationId: number) {
  const rows = await db
    .selectFrom("expert_task")
    .innerJoin("account", "account.id", "expert_task.expert_id")
    .select([
      "expert_task.body_id",
      "expert_task.indicator",
      "expert_task.level",
      "expert_task.comment",
      "account.username",
    ])
    .where("expert_task.evaluation_id", "=", evaluationId)
    .orderBy("expert_task.body_id")
    .orderBy("expert_task.indicator")
    .orderBy("account.username")
    .execute();
  const resolved = new Set(
    (
      await db
        .selectFrom("evidence_value")
        .select(["body_id", "code"])
        .where("evaluation_id", "=", evaluationId)
        .where("kind", "=", "rubric")
        .where("source", "like", "review:%")
        .execute()
    ).map((r) => `${r.body_id}\u0000${r.code}`),
  );
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.body_id}\u0000${r.indicator}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups]
    .filter(([k, g]) => !resolved.has(k) && consensus(g.map((t) => t.level)).state === "disagreed")
    .map(([, g]) => ({
      bodyId: (g[0] as (typeof rows)[number]).body_id,
      indicator: (g[0] as (typeof rows)[number]).indicator,
      scores: g.map((t) => ({ expert: t.username, level: t.level, comment: t.comment })),
    }));
}
