import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { saveEvidenceValues } from "../../evaluations/evaluation-store.ts";
import { checkEvidenceValue } from "../../evaluations/evidence-csv.ts";
import { scoreEvaluation } from "../../evaluations/score-evaluation.ts";
import { parseFramework } from "../../frameworks/load.ts";
import { audit } from "../audit.ts";
import { SIGNED_IN, STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js } from "../schema.ts";
import { actsFor, evaluationFor } from "./evaluations.ts";

const NewAppeal = z.object({
  targetKind: z.enum(["finding", "indicator"]),
  /** A finding as "check page target" (see findingKey), or an indicator code. */
  target: z.string().min(1).max(4000),
  reason: z.string().min(1).max(20_000),
});
const Decision = z.object({
  decision: z.enum(["accepted", "rejected"]),
  reason: z.string().min(1).max(20_000),
  /** For an accepted appeal on an indicator: the corrected value. */
  correction: z
    .object({
      kind: z.enum(["rubric", "figure", "answer", "manual", "fact"]),
      code: z.string(),
      value: z.string(),
    })
    .optional(),
});
const OPEN_FOR_APPEALS = new Set(["scoring", "review"]);

export const appealRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post(
      "/evaluations/:code/bodies/:bodyId/appeals",
      {
        config: { roles: ["admin", "evaluator", "submitter"] },
        schema: {
          tags: ["appeals"],
          summary: "对观察结果申请复核 (contest an observation)",
          params: js(z.object({ code: z.string(), bodyId: z.string() })),
          body: js(NewAppeal),
        },
      },
      async (req, reply) => {
        const p = req.params as { code: string; bodyId: string };
        if (!actsFor(req.caller, p.bodyId))
          return reply
            .code(403)
            .send({ error: "forbidden", message: "只能为本单位申请复核 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        if (!OPEN_FOR_APPEALS.has(ev.status))
          return reply.code(409).send({
            error: "closed",
            message: `评估处于 ${ev.status} 阶段，不受理复核 (appeals are taken while scoring or in review)`,
          });
        const a = NewAppeal.parse(req.body);
        const row = await d.db
          .insertInto("appeal")
          .values({
            evaluation_id: ev.id,
            body_id: p.bodyId,
            target_kind: a.targetKind,
            target: a.target,
            reason: a.reason,
            filed_by: req.caller?.id ?? null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await audit(d.db, req.caller, "appeal", "appeal", row.id, {
          evaluation: ev.code,
          body: p.bodyId,
          ...a,
        });
        return reply.code(201).send({ id: row.id });
      },
    );

    app.get(
      "/evaluations/:code/appeals",
      {
        config: { roles: SIGNED_IN },
        schema: { tags: ["appeals"], summary: "复核申请 (appeals)", params: js(EvaluationCode) },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        let q = d.db
          .selectFrom("appeal")
          .select([
            "id",
            "body_id as bodyId",
            "target_kind as targetKind",
            "target",
            "reason",
            "filed_at as filedAt",
            "state",
            "decision_reason as decisionReason",
            "decided_at as decidedAt",
          ])
          .where("evaluation_id", "=", ev.id)
          .orderBy("id");
        if (req.caller?.role === "submitter") q = q.where("body_id", "=", req.caller.bodyId as string);
        return q.execute();
      },
    );

    app.post(
      "/appeals/:id/decision",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["appeals"],
          summary: "裁定复核并重新计分 (decide an appeal; scores recompute)",
          params: js(z.object({ id: z.coerce.number().int() })),
          body: js(Decision),
        },
      },
      async (req, reply) => {
        const id = Number((req.params as { id: number }).id);
        const dec = Decision.parse(req.body);
        const ap = await d.db
          .selectFrom("appeal")
          .innerJoin("evaluation", "evaluation.id", "appeal.evaluation_id")
          .select([
            "appeal.id",
            "appeal.state",
            "appeal.body_id",
            "appeal.target_kind",
            "appeal.target",
            "appeal.evaluation_id",
            "evaluation.code",
            "evaluation.status",
            "evaluation.framework_source",
          ])
          .where("appeal.id", "=", id)
          .executeTakeFirst();
        if (!ap)
          return reply.code(404).send({ error: "not-found", message: "没有该复核申请 (no such appeal)" });
        if (ap.state !== "open")
          return reply.code(409).send({ error: "decided", message: "该申请已裁定 (already decided)" });
        if (!OPEN_FOR_APPEALS.has(ap.status))
          return reply.code(409).send({ error: "closed", message: "评估已不受理复核 (appeals are closed)" });
        if (dec.decision === "accepted") {
          if (ap.target_kind === "finding") {
            await saveEvidenceValues(d.db, ap.evaluation_id, [
              { bodyId: ap.body_id, kind: "dismissed", code: ap.target, value: true, source: `appeal:${id}` },
            ]);
          } else {
            const c = dec.correction;
            if (!c || c.code !== ap.target)
              return reply.code(400).send({
                error: "correction-needed",
                message: `接受指标复核须给出 ${ap.target} 的更正值 (an accepted indicator appeal needs the corrected value of ${ap.target})`,
              });
            const fw = parseFramework(ap.framework_source, ap.code);
            const checked = checkEvidenceValue(fw, c.kind, c.code, c.value);
            if (checked.problems.length)
              return reply.code(400).send({
                error: "invalid-correction",
                message: checked.problems.map((p) => p.message).join("\n"),
              });
            await saveEvidenceValues(d.db, ap.evaluation_id, [
              {
                bodyId: ap.body_id,
                kind: c.kind,
                code: c.code,
                value: checked.value,
                source: `appeal:${id}`,
              },
            ]);
          }
        }
        await d.db
          .updateTable("appeal")
          .set({
            state: dec.decision,
            decision_reason: dec.reason,
            decided_by: req.caller?.id ?? null,
            decided_at: new Date(),
          })
          .where("id", "=", id)
          .execute();
        // Scores follow the decision at once, and the new run is what the audit entry points to.
        const run = dec.decision === "accepted" ? await scoreEvaluation(d.db, ap.code) : null;
        await audit(d.db, req.caller, dec.decision === "accepted" ? "accept" : "reject", "appeal", id, {
          ...dec,
          run: run?.runId ?? null,
        });
        return { id, state: dec.decision, run: run?.runId ?? null };
      },
    );
  };
