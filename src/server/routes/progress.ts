import type { FastifyPluginAsync } from "fastify";
import { type Kysely, sql } from "kysely";
import { disagreements } from "../../evaluations/expert-scores.ts";
import { evaluationTargets } from "../../evaluations/members.ts";
import { INSPECT_QUEUE, QUEUE_SCHEMA } from "../../jobs/pg-queue.ts";
import type { Database } from "../../store/schema.ts";
import { STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js } from "../schema.ts";
import { evaluationFor } from "./evaluations.ts";
import { evaluationFramework } from "./framework.ts";

type QueueCounts = Record<"created" | "retry" | "active" | "completed" | "failed", number>;

/**
 * The evaluation's jobs on the Postgres queue, whichever machine's workers hold them. The
 * embedded database has no queue (its runs are in-process): null there.
 */
async function queueCounts(db: Kysely<Database>, code: string): Promise<QueueCounts | null> {
  try {
    const rows = await sql<{ state: string; n: number }>`
      select state, count(*)::int as n from ${sql.table(`${QUEUE_SCHEMA}.job`)}
      where name = ${INSPECT_QUEUE} and data->>'evaluation' = ${code}
      group by state`.execute(db);
    if (rows.rows.length === 0) return null;
    const out: QueueCounts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0 };
    for (const r of rows.rows) if (r.state in out) out[r.state as keyof QueueCounts] = Number(r.n);
    return out;
  } catch {
    return null;
  }
}

const count = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0);

export const progressRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/evaluations/:code/progress",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["evaluations"],
          summary:
            "评估进度：巡检（含各工作进程的队列）、专家评分、单位填报、案例、复核 (progress of inspection across workers, scoring, submissions, cases, appeals)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const db = d.db;
        const targets = await evaluationTargets(db, ev.id);
        const { outline } = evaluationFramework(ev);
        const asksBodies = outline.nodes.some(
          (n) => n.source?.from === "figure" || n.source?.from === "yesno",
        );
        const [inspected, tasks, scored, submitted, cases, appeals, runs, queue, split] = await Promise.all([
          db
            .selectFrom("inspection")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("evaluation_id", "=", ev.id)
            .execute(),
          db
            .selectFrom("expert_task")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("evaluation_id", "=", ev.id)
            .execute(),
          db
            .selectFrom("expert_task")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("evaluation_id", "=", ev.id)
            .where("level", "is not", null)
            .execute(),
          db
            .selectFrom("evidence_value")
            .select((eb) => eb.fn.count<number>("body_id").distinct().as("n"))
            .where("evaluation_id", "=", ev.id)
            .where("kind", "in", ["figure", "answer"])
            .where("source", "like", "submitted:%")
            .execute(),
          db
            .selectFrom("practice_case")
            .select((eb) => [
              eb.fn.countAll<number>().as("total"),
              eb.fn.count<number>("review_score").as("reviewed"),
              eb.fn.sum<number>(eb.case().when("selected", "=", true).then(1).else(0).end()).as("selected"),
            ])
            .where("evaluation_id", "=", ev.id)
            .executeTakeFirst(),
          db
            .selectFrom("appeal")
            .select((eb) => [
              eb.fn.sum<number>(eb.case().when("state", "=", "open").then(1).else(0).end()).as("open"),
              eb.fn.sum<number>(eb.case().when("state", "!=", "open").then(1).else(0).end()).as("decided"),
            ])
            .where("evaluation_id", "=", ev.id)
            .executeTakeFirst(),
          db
            .selectFrom("score_run")
            .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("created_at").as("last")])
            .where("evaluation_id", "=", ev.id)
            .executeTakeFirst(),
          queueCounts(db, ev.code),
          disagreements(db, ev.id),
        ]);
        const run = app.runs.get(ev.code);
        return {
          evaluation: ev.code,
          status: ev.status,
          bodies: targets.length,
          websites: targets.reduce((s, t) => s + t.websites.length, 0),
          inspected: count(inspected),
          run: run ? { state: run.state, done: run.done, total: run.total, error: run.error } : null,
          queue,
          tasks: { total: count(tasks), scored: count(scored), disagreements: split.length },
          submissions: { asked: asksBodies, bodies: targets.length, submitted: count(submitted) },
          cases: {
            total: Number(cases?.total ?? 0),
            reviewed: Number(cases?.reviewed ?? 0),
            selected: Number(cases?.selected ?? 0),
          },
          appeals: { open: Number(appeals?.open ?? 0), decided: Number(appeals?.decided ?? 0) },
          scoreRuns: Number(runs?.n ?? 0),
          lastScoredAt: runs?.last ? new Date(runs.last as unknown as string).toISOString() : null,
        };
      },
    );
  };
