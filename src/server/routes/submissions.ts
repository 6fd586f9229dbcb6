import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  type EvidenceValueRow,
  evidenceValues,
  saveEvidenceValues,
} from "../../evaluations/evaluation-store.ts";
import { checkEvidenceValue } from "../../evaluations/evidence-csv.ts";
import { parseFramework } from "../../frameworks/load.ts";
import type { RouteDeps } from "../app.ts";
import { audit } from "../audit.ts";
import type { Caller } from "../auth/roles.ts";
import { js } from "../schema.ts";
import { evaluationFor } from "./evaluations.ts";

const Params = z.object({ code: z.string(), bodyId: z.string() });
const Submission = z.object({
  values: z
    .array(
      z.object({ kind: z.enum(["figure", "answer"]), code: z.string().max(200), value: z.string().max(200) }),
    )
    .min(1)
    .max(500),
  /** Where the figures come from (a document name, a link to an attachment). */
  source: z.string().max(2000).optional(),
});

/** A submitter speaks for its own body only; staff for any. */
const mayActFor = (c: Caller | null, bodyId: string) =>
  c !== null &&
  (c.role === "admin" || c.role === "evaluator" || (c.role === "submitter" && c.bodyId === bodyId));

export const submissionRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.put(
      "/evaluations/:code/bodies/:bodyId/submission",
      {
        config: { roles: ["admin", "evaluator", "submitter"] },
        schema: {
          tags: ["submissions"],
          summary: "单位填报数据 (a body submits its figures)",
          params: js(Params),
          body: js(Submission),
        },
      },
      async (req, reply) => {
        const p = req.params as z.infer<typeof Params>;
        if (!mayActFor(req.caller, p.bodyId))
          return reply
            .code(403)
            .send({ error: "forbidden", message: "只能填报本单位 (you may submit for your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        if (ev.status !== "collecting")
          return reply
            .code(409)
            .send({ error: "closed", message: `评估处于 ${ev.status} 阶段，不接受填报 (not collecting)` });
        const member = await d.db
          .selectFrom("evaluation_body")
          .select("body_id")
          .where("evaluation_id", "=", ev.id)
          .where("body_id", "=", p.bodyId)
          .executeTakeFirst();
        if (!member)
          return reply
            .code(404)
            .send({ error: "not-found", message: "该单位不在本评估中 (body not in this evaluation)" });
        const s = Submission.parse(req.body);
        const fw = parseFramework(ev.frameworkSource, ev.code);
        const problems: string[] = [];
        const rows: EvidenceValueRow[] = s.values.map((v, i) => {
          const c = checkEvidenceValue(fw, v.kind, v.code, v.value);
          for (const pr of c.problems) problems.push(`values[${i}].${pr.column}: ${pr.message}`);
          return {
            bodyId: p.bodyId,
            kind: v.kind,
            code: v.code,
            value: c.value,
            source: `submitted:${req.caller?.username}${s.source ? ` ${s.source}` : ""}`,
          };
        });
        if (problems.length)
          return reply.code(400).send({ error: "invalid-values", message: problems.join("\n") });
        await saveEvidenceValues(d.db, ev.id, rows);
        await audit(d.db, req.caller, "submit", "body", p.bodyId, { evaluation: ev.code, values: s.values });
        return { saved: rows.length };
      },
    );

    app.get(
      "/evaluations/:code/bodies/:bodyId/evidence",
      {
        config: { roles: ["admin", "evaluator", "expert", "submitter"] },
        schema: {
          tags: ["submissions"],
          summary: "单位的全部证据值 (every value recorded for a body)",
          params: js(Params),
        },
      },
      async (req, reply) => {
        const p = req.params as z.infer<typeof Params>;
        if (req.caller?.role === "submitter" && req.caller.bodyId !== p.bodyId)
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        return (await evidenceValues(d.db, ev.id)).filter((v) => v.bodyId === p.bodyId);
      },
    );
  };
