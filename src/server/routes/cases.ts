import { createHash } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { audit } from "../audit.ts";
import { SIGNED_IN, STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js, sendDownload, Upload } from "../schema.ts";
import { actsFor, collectingFor, evaluationFor } from "./evaluations.ts";

export const CASE_CLASSES = [
  "履职能力",
  "制度规则",
  "技术平台",
  "安全保障",
  "数字机关",
  "政府网站",
  "其他",
] as const;

const NewCase = z.object({
  title: z.string().min(1).max(200),
  class: z.enum(CASE_CLASSES),
  summary: z.string().max(20_000).default(""),
  attachments: z.array(Upload).max(5).default([]),
});
const Review = z.object({ score: z.number().min(0).max(100), comment: z.string().max(5000).default("") });
const BodyParams = z.object({ code: z.string(), bodyId: z.string() });
const IdParams = z.object({ id: z.coerce.number().int() });

export const caseRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post(
      "/evaluations/:code/bodies/:bodyId/cases",
      {
        config: { roles: ["admin", "evaluator", "submitter"] },
        schema: {
          tags: ["cases"],
          summary: "报送实践案例 (submit a practice case)",
          params: js(BodyParams),
          body: js(NewCase),
        },
      },
      async (req, reply) => {
        const p = req.params as z.infer<typeof BodyParams>;
        const ev = await collectingFor(d, p.code, p.bodyId, req.caller, reply);
        if (!ev) return reply;
        const c = NewCase.parse(req.body);
        const id = await d.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto("practice_case")
            .values({
              evaluation_id: ev.id,
              body_id: p.bodyId,
              title: c.title,
              class: c.class,
              summary: c.summary,
              submitted_by: req.caller?.id ?? null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          for (const a of c.attachments) {
            const bytes = Buffer.from(a.dataBase64, "base64");
            await trx
              .insertInto("case_attachment")
              .values({
                case_id: row.id,
                name: a.name,
                content_type: a.contentType,
                sha256: createHash("sha256").update(bytes).digest("hex"),
                bytes,
              })
              .execute();
          }
          return row.id;
        });
        await audit(d.db, req.caller, "submit", "practice_case", id, {
          evaluation: ev.code,
          body: p.bodyId,
          title: c.title,
          class: c.class,
        });
        return reply.code(201).send({ id });
      },
    );

    app.get(
      "/evaluations/:code/cases",
      {
        config: { roles: SIGNED_IN },
        schema: { tags: ["cases"], summary: "实践案例列表 (practice cases)", params: js(EvaluationCode) },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        let q = d.db
          .selectFrom("practice_case")
          .select([
            "practice_case.id",
            "practice_case.body_id as bodyId",
            "practice_case.title",
            "practice_case.class",
            "practice_case.summary",
            "practice_case.submitted_at as submittedAt",
            "practice_case.review_score as reviewScore",
            "practice_case.review_comment as reviewComment",
            "practice_case.reviewed_at as reviewedAt",
            "practice_case.selected",
          ])
          .where("practice_case.evaluation_id", "=", ev.id)
          .orderBy("practice_case.id");
        if (req.caller?.role === "submitter")
          q = q.where("practice_case.body_id", "=", req.caller.bodyId as string);
        const cases = await q.execute();
        const files = cases.length
          ? await d.db
              .selectFrom("case_attachment")
              .select((eb) => [
                "id",
                "case_id",
                "name",
                "content_type as contentType",
                eb.fn<number>("octet_length", ["bytes"]).as("size"),
              ])
              .where(
                "case_id",
                "in",
                cases.map((c) => c.id),
              )
              .orderBy("id")
              .execute()
          : [];
        return cases.map((c) => ({
          ...c,
          attachments: files
            .filter((f) => f.case_id === c.id)
            .map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, size: Number(f.size) })),
        }));
      },
    );

    app.get(
      "/cases/:id/attachments/:attachment",
      {
        config: { roles: SIGNED_IN },
        schema: {
          tags: ["cases"],
          summary: "下载案例附件 (download an attachment)",
          params: js(z.object({ id: z.coerce.number().int(), attachment: z.coerce.number().int() })),
        },
      },
      async (req, reply) => {
        const p = req.params as { id: number; attachment: number };
        const row = await d.db
          .selectFrom("case_attachment")
          .innerJoin("practice_case", "practice_case.id", "case_attachment.case_id")
          .select([
            "case_attachment.name",
            "case_attachment.content_type",
            "case_attachment.bytes",
            "practice_case.body_id",
          ])
          .where("case_attachment.id", "=", Number(p.attachment))
          .where("case_attachment.case_id", "=", Number(p.id))
          .executeTakeFirst();
        if (!row || !actsFor(req.caller, row.body_id))
          return reply.code(404).send({ error: "not-found", message: "没有该附件 (no such attachment)" });
        return sendDownload(reply, row);
      },
    );

    app.put(
      "/cases/:id/review",
      {
        config: { roles: [...STAFF, "expert"] },
        schema: {
          tags: ["cases"],
          summary: "专家评审案例 (review and score a case)",
          params: js(IdParams),
          body: js(Review),
        },
      },
      async (req, reply) => {
        const id = Number((req.params as { id: number }).id);
        const r = Review.parse(req.body);
        const done = await d.db
          .updateTable("practice_case")
          .set({
            review_score: r.score,
            review_comment: r.comment,
            reviewed_by: req.caller?.id ?? null,
            reviewed_at: new Date(),
          })
          .where("id", "=", id)
          .returning("id")
          .executeTakeFirst();
        if (!done) return reply.code(404).send({ error: "not-found", message: "没有该案例 (no such case)" });
        await audit(d.db, req.caller, "review", "practice_case", id, r);
        return { id, ...r };
      },
    );

    app.post(
      "/cases/:id/select",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["cases"],
          summary: "入选或撤选案例 (select a case or not)",
          params: js(IdParams),
          body: js(z.object({ selected: z.boolean() })),
        },
      },
      async (req, reply) => {
        const id = Number((req.params as { id: number }).id);
        const { selected } = req.body as { selected: boolean };
        const done = await d.db
          .updateTable("practice_case")
          .set({ selected })
          .where("id", "=", id)
          .returning("id")
          .executeTakeFirst();
        if (!done) return reply.code(404).send({ error: "not-found", message: "没有该案例 (no such case)" });
        await audit(d.db, req.caller, selected ? "select" : "unselect", "practice_case", id);
        return { id, selected };
      },
    );

    app.get(
      "/evaluations/:code/cases/summary",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["cases"],
          summary: "案例统计：按类别、层级、入选 (case counts by class, level, selection)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const rows = await d.db
          .selectFrom("practice_case")
          .innerJoin("body", "body.id", "practice_case.body_id")
          .select(["practice_case.body_id", "practice_case.class", "practice_case.selected", "body.level"])
          .where("practice_case.evaluation_id", "=", ev.id)
          .execute();
        const count = (key: (r: (typeof rows)[number]) => string) => {
          const out: Record<string, number> = {};
          for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
          return out;
        };
        return {
          cases: rows.length,
          bodies: new Set(rows.map((r) => r.body_id)).size,
          selected: rows.filter((r) => r.selected).length,
          byClass: count((r) => r.class),
          byLevel: count((r) => r.level),
        };
      },
    );
  };
