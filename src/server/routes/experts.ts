import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { saveEvidenceValues } from "../../evaluations/evaluation-store.ts";
import { applyConsensus, disagreements } from "../../evaluations/expert-scores.ts";
import { scoreEvaluation } from "../../evaluations/score-evaluation.ts";
import { frameworkLeaves } from "../../frameworks/leaves.ts";
import { parseFramework } from "../../frameworks/load.ts";
import type { LeafSource } from "../../frameworks/schema.ts";
import { audit } from "../audit.ts";
import { STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js } from "../schema.ts";
import { evaluationFor } from "./evaluations.ts";

const Assign = z.object({ expert: z.string(), bodyId: z.string(), indicator: z.string() });
const Score = z.object({
  level: z.string().min(1).max(20),
  comment: z.string().max(5000).default(""),
  /** Links to inspection findings or archived pages that support the level. */
  evidence: z.array(z.string().max(2000)).max(50).default([]),
});
const Resolve = z.object({
  bodyId: z.string(),
  indicator: z.string(),
  level: z.string(),
  reason: z.string().min(1).max(5000),
});

function rubricLeaves(source: string, file: string): Map<string, Extract<LeafSource, { from: "rubric" }>> {
  const out = new Map<string, Extract<LeafSource, { from: "rubric" }>>();
  for (const [code, src] of frameworkLeaves(parseFramework(source, file)))
    if (src?.from === "rubric") out.set(code, src);
  return out;
}

const OPEN_FOR_SCORING = new Set(["collecting", "scoring"]);

export const expertRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post(
      "/evaluations/:code/tasks",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["experts"],
          summary: "分派专家评分任务 (assign an indicator × body to an expert)",
          params: js(EvaluationCode),
          body: js(Assign),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const a = req.body as z.infer<typeof Assign>;
        const expert = await d.db
          .selectFrom("account")
          .select(["id", "role"])
          .where("username", "=", a.expert)
          .executeTakeFirst();
        if (expert?.role !== "expert")
          return reply
            .code(400)
            .send({ error: "not-an-expert", message: `${a.expert} 不是专家账号 (not an expert account)` });
        const member = await d.db
          .selectFrom("evaluation_member")
          .select("body_id")
          .where("evaluation_id", "=", ev.id)
          .where("body_id", "=", a.bodyId)
          .executeTakeFirst();
        if (!member)
          return reply.code(400).send({
            error: "not-a-target",
            message: `单位 ${a.bodyId} 不在本评估中 (body not in this evaluation)`,
          });
        if (!rubricLeaves(ev.frameworkSource, ev.code).has(a.indicator))
          return reply.code(400).send({
            error: "not-a-rubric",
            message: `${a.indicator} 不是专家评分指标 (not a rubric indicator)`,
          });
        const row = await d.db
          .insertInto("expert_task")
          .values({
            evaluation_id: ev.id,
            body_id: a.bodyId,
            indicator: a.indicator,
            expert_id: expert.id,
            assigned_by: req.caller?.id ?? null,
          })
          .onConflict((oc) => oc.columns(["evaluation_id", "body_id", "indicator", "expert_id"]).doNothing())
          .returning("id")
          .executeTakeFirst();
        if (!row)
          return reply.code(409).send({ error: "exists", message: "该任务已分派 (already assigned)" });
        await audit(d.db, req.caller, "assign", "expert_task", row.id, a);
        return reply.code(201).send({ id: row.id });
      },
    );

    app.get(
      "/tasks",
      {
        config: { roles: ["admin", "evaluator", "expert"] },
        schema: {
          tags: ["experts"],
          summary: "评分任务；专家只见自己的 (scoring tasks; an expert sees own)",
        },
      },
      async (req) => {
        let q = d.db
          .selectFrom("expert_task")
          .innerJoin("evaluation", "evaluation.id", "expert_task.evaluation_id")
          .innerJoin("account", "account.id", "expert_task.expert_id")
          .select([
            "expert_task.id",
            "evaluation.code as evaluation",
            "expert_task.body_id as bodyId",
            "expert_task.indicator",
            "account.username as expert",
            "expert_task.level",
            "expert_task.comment",
            "expert_task.evidence",
            "expert_task.scored_at as scoredAt",
          ])
          .orderBy("expert_task.id");
        if (req.caller?.role === "expert") q = q.where("expert_task.expert_id", "=", req.caller.id);
        return q.execute();
      },
    );

    app.post(
      "/tasks/:id/score",
      {
        config: { roles: ["expert"] },
        schema: {
          tags: ["experts"],
          summary: "专家评分 (an expert scores a task)",
          params: js(z.object({ id: z.coerce.number().int() })),
          body: js(Score),
        },
      },
      async (req, reply) => {
        const id = Number((req.params as { id: string }).id);
        const task = await d.db
          .selectFrom("expert_task")
          .innerJoin("evaluation", "evaluation.id", "expert_task.evaluation_id")
          .select([
            "expert_task.id",
            "expert_task.expert_id",
            "expert_task.body_id",
            "expert_task.indicator",
            "expert_task.evaluation_id",
            "evaluation.status",
            "evaluation.framework_source",
            "evaluation.code",
          ])
          .where("expert_task.id", "=", id)
          .executeTakeFirst();
        // Someone else's task is as good as absent: no hint that it exists.
        if (!task || task.expert_id !== req.caller?.id)
          return reply.code(404).send({ error: "not-found", message: "没有该任务 (no such task)" });
        if (!OPEN_FOR_SCORING.has(task.status))
          return reply.code(409).send({
            error: "closed",
            message: `评估处于 ${task.status} 阶段，不能评分 (not open for scoring)`,
          });
        const s = Score.parse(req.body);
        const rubric = rubricLeaves(task.framework_source, task.code).get(task.indicator);
        if (!rubric || !(s.level in rubric.levels))
          return reply.code(400).send({
            error: "bad-level",
            message: `等级应为 ${Object.keys(rubric?.levels ?? {}).join("/")} (level must be one of them)`,
          });
        await d.db
          .updateTable("expert_task")
          .set({
            level: s.level,
            comment: s.comment,
            evidence: JSON.stringify(s.evidence),
            scored_at: new Date(),
          })
          .where("id", "=", id)
          .execute();
        const value = () =>
          d.db
            .selectFrom("evidence_value")
            .select("value")
            .where("evaluation_id", "=", task.evaluation_id)
            .where("body_id", "=", task.body_id)
            .where("kind", "=", "rubric")
            .where("code", "=", task.indicator)
            .executeTakeFirst()
            .then((r) => JSON.stringify(r?.value ?? null));
        const before = await value();
        const c = await applyConsensus(d.db, task.evaluation_id, task.body_id, task.indicator);
        // The experts' level is what scores count: when it changes, the body's score follows at
        // once (as after an appeal), and the run is what the audit entry points to.
        const run = (await value()) !== before ? await scoreEvaluation(d.db, task.code) : null;
        await audit(d.db, req.caller, "score", "expert_task", id, {
          level: s.level,
          consensus: c.state,
          run: run?.runId ?? null,
        });
        return { id, level: s.level, consensus: c, run: run?.runId ?? null };
      },
    );

    app.get(
      "/evaluations/:code/disagreements",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["experts"],
          summary: "专家意见不一致的评分 (expert disagreements)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        return disagreements(d.db, ev.id);
      },
    );

    app.post(
      "/evaluations/:code/disagreements/resolve",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["experts"],
          summary: "复核裁定等级 (a reviewer settles the level)",
          params: js(EvaluationCode),
          body: js(Resolve),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const r = req.body as z.infer<typeof Resolve>;
        const rubric = rubricLeaves(ev.frameworkSource, ev.code).get(r.indicator);
        if (!rubric || !(r.level in rubric.levels))
          return reply
            .code(400)
            .send({ error: "bad-level", message: "指标或等级无效 (unknown indicator or level)" });
        await saveEvidenceValues(d.db, ev.id, [
          {
            bodyId: r.bodyId,
            kind: "rubric",
            code: r.indicator,
            value: r.level,
            source: `review:${req.caller?.username}`,
          },
        ]);
        const run = ev.status === "published" ? null : await scoreEvaluation(d.db, ev.code);
        await audit(d.db, req.caller, "resolve", "rubric", `${r.bodyId}/${r.indicator}`, {
          ...r,
          run: run?.runId ?? null,
        });
        return { ok: true, run: run?.runId ?? null };
      },
    );
  };
