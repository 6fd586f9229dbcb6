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
import { js } from "../schema.ts";
import { collectingFor, evaluationFor } from "./evaluations.ts";

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
        const ev = await collectingFor(d, p.code, p.bodyId, req.caller, reply);
        if (!ev) return reply;
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
