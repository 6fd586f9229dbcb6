import { createHash } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import {
  type EvidenceValueRow,
  evidenceValues,
  saveEvidenceValues,
} from "../../evaluations/evaluation-store.ts";
import { checkEvidenceValue } from "../../evaluations/evidence-csv.ts";
import { parseFramework } from "../../frameworks/load.ts";
import { audit } from "../audit.ts";
import type { RouteDeps } from "../deps.ts";
import { js, sendDownload, Upload } from "../schema.ts";
import { actsFor, collectingFor, evaluationFor } from "./evaluations.ts";

const Params = z.object({ code: z.string(), bodyId: z.string() });
const Submission = z.object({
  values: z
    .array(
      z.object({ kind: z.enum(["figure", "answer"]), code: z.string().max(200), value: z.string().max(200) }),
    )
    .max(500)
    .default([]),
  /** Where the figures come from (a document name, a link to an attachment). */
  source: z.string().max(2000).optional(),
  /** One supporting document (a statistics sheet, a signed form); kept beside earlier ones. */
  attachment: Upload.optional(),
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
        if (s.values.length === 0 && !s.attachment)
          return reply.code(400).send({
            error: "empty",
            message: "没有填报内容 (nothing submitted: no values and no attachment)",
          });
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
        const file = s.attachment ? Buffer.from(s.attachment.dataBase64, "base64") : null;
        const attachment = await d.db.transaction().execute(async (trx) => {
          await saveEvidenceValues(trx, ev.id, rows);
          if (!s.attachment || !file) return null;
          const row = await trx
            .insertInto("submission_attachment")
            .values({
              evaluation_id: ev.id,
              body_id: p.bodyId,
              name: s.attachment.name,
              content_type: s.attachment.contentType,
              sha256: createHash("sha256").update(file).digest("hex"),
              bytes: file,
              uploaded_by: req.caller?.id ?? null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return row.id;
        });
        await audit(d.db, req.caller, "submit", "body", p.bodyId, {
          evaluation: ev.code,
          values: s.values,
          ...(s.attachment
            ? { attachment: { id: attachment, name: s.attachment.name, bytes: file?.length } }
            : {}),
        });
        return { saved: rows.length, attachment };
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
        if (!actsFor(req.caller, p.bodyId))
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        return (await evidenceValues(d.db, ev.id)).filter((v) => v.bodyId === p.bodyId);
      },
    );

    app.get(
      "/evaluations/:code/bodies/:bodyId/submission",
      {
        config: { roles: ["admin", "evaluator", "expert", "submitter"] },
        schema: {
          tags: ["submissions"],
          summary: "单位已填报的数据与附件 (what a body has submitted, with its attachments)",
          params: js(Params),
        },
      },
      async (req, reply) => {
        const p = req.params as z.infer<typeof Params>;
        if (!actsFor(req.caller, p.bodyId))
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        const values = (await evidenceValues(d.db, ev.id)).filter(
          (v) => v.bodyId === p.bodyId && (v.kind === "figure" || v.kind === "answer"),
        );
        const attachments = await d.db
          .selectFrom("submission_attachment")
          .select((eb) => [
            "id",
            "name",
            "content_type as contentType",
            "uploaded_at as uploadedAt",
            eb.fn<number>("octet_length", ["bytes"]).as("size"),
          ])
          .where("evaluation_id", "=", ev.id)
          .where("body_id", "=", p.bodyId)
          .orderBy("id")
          .execute();
        return {
          values: values.map((v) => ({ kind: v.kind, code: v.code, value: v.value, source: v.source })),
          attachments: attachments.map((a) => ({ ...a, size: Number(a.size) })),
        };
      },
    );

    app.get(
      "/evaluations/:code/bodies/:bodyId/submission/attachments/:id",
      {
        config: { roles: ["admin", "evaluator", "expert", "submitter"] },
        schema: {
          tags: ["submissions"],
          summary: "下载填报附件 (download a submission attachment)",
          params: js(Params.extend({ id: z.coerce.number().int() })),
        },
      },
      async (req, reply) => {
        const p = req.params as z.infer<typeof Params> & { id: number };
        if (!actsFor(req.caller, p.bodyId))
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        const row = await d.db
          .selectFrom("submission_attachment")
          .select(["name", "content_type", "bytes"])
          .where("id", "=", Number(p.id))
          .where("evaluation_id", "=", ev.id)
          .where("body_id", "=", p.bodyId)
          .executeTakeFirst();
        if (!row)
          return reply.code(404).send({ error: "not-found", message: "没有该附件 (no such attachment)" });
        return sendDownload(reply, row);
      },
    );
  };
