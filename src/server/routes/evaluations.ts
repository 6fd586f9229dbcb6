import { readFileSync } from "node:fs";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { z } from "zod";
import {
  EvaluationError,
  type EvaluationRow,
  evaluationRows,
  getEvaluation,
  setStatus,
} from "../../evaluations/evaluation-store.ts";
import { inspectEvaluation } from "../../evaluations/inspect-evaluation.ts";
import { createEvaluation, evaluationTargets } from "../../evaluations/members.ts";
import { scoreEvaluation } from "../../evaluations/score-evaluation.ts";
import { builtinPath, FrameworkError, parseFramework } from "../../frameworks/load.ts";
import { defaultOptions } from "../../inspect/config.ts";
import type { EvaluationStatus } from "../../store/schema.ts";
import { audit } from "../audit.ts";
import { type Caller, SIGNED_IN, STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js } from "../schema.ts";

export const LIFECYCLE: readonly EvaluationStatus[] = [
  "draft",
  "collecting",
  "scoring",
  "review",
  "published",
];

const NewEvaluation = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/)
    .max(100),
  name: z.string().min(1).max(200).optional(),
  /** A built-in framework id, or the YAML text of a framework file. */
  framework: z.string().min(1).max(500_000),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  categories: z.array(z.string()).default([]),
  bodies: z.array(z.string()).optional(),
});

/** What a caller may see of an evaluation: staff and experts everything, others once published. */
export function maySee(caller: Caller | null, ev: Pick<EvaluationRow, "status">): boolean {
  if (ev.status === "published") return true;
  return caller !== null;
}

/** Loads the evaluation named in the URL, answering 404 when it does not exist or may not be seen. */
export async function evaluationFor(
  d: RouteDeps,
  code: string,
  caller: Caller | null,
  reply: FastifyReply,
): Promise<EvaluationRow | null> {
  try {
    const ev = await getEvaluation(d.db, code);
    if (!maySee(caller, ev)) {
      reply.code(404).send({ error: "not-found", message: `没有评估 ${code} (no evaluation ${code})` });
      return null;
    }
    if (caller?.role === "submitter") {
      const member = await d.db
        .selectFrom("evaluation_member")
        .select("body_id")
        .where("evaluation_id", "=", ev.id)
        .where("body_id", "=", caller.bodyId as string)
        .executeTakeFirst();
      if (!member && ev.status !== "published") {
        reply.code(404).send({ error: "not-found", message: `没有评估 ${code} (no evaluation ${code})` });
        return null;
      }
    }
    return ev;
  } catch (e) {
    if (e instanceof EvaluationError) {
      reply.code(404).send({ error: "not-found", message: e.message });
      return null;
    }
    throw e;
  }
}

/** A submitter acts for its own body only; other roles reaching a body route may act for any. */
export const actsFor = (c: Caller | null, bodyId: string) => c?.role !== "submitter" || c.bodyId === bodyId;

/**
 * The guard of what a body hands in (figures, practice cases): the caller acts for the body, the
 * evaluation is visible and collecting, and the body is one of its targets. Answers the refusal
 * itself and returns null.
 */
export async function collectingFor(
  d: RouteDeps,
  code: string,
  bodyId: string,
  caller: Caller | null,
  reply: FastifyReply,
): Promise<EvaluationRow | null> {
  if (!actsFor(caller, bodyId)) {
    reply
      .code(403)
      .send({ error: "forbidden", message: "只能为本单位报送 (you may act for your own body only)" });
    return null;
  }
  const ev = await evaluationFor(d, code, caller, reply);
  if (!ev) return null;
  if (ev.status !== "collecting") {
    reply.code(409).send({
      error: "closed",
      message: `评估处于 ${ev.status} 阶段，不接受报送 (the evaluation is not collecting)`,
    });
    return null;
  }
  const member = await d.db
    .selectFrom("evaluation_member")
    .select("body_id")
    .where("evaluation_id", "=", ev.id)
    .where("body_id", "=", bodyId)
    .executeTakeFirst();
  if (!member) {
    reply.code(404).send({ error: "not-found", message: "该单位不在本评估中 (body not in this evaluation)" });
    return null;
  }
  return ev;
}

const publicView = (e: EvaluationRow) => ({
  code: e.code,
  name: e.name,
  framework: { id: e.frameworkId, version: e.frameworkVersion, sha256: e.frameworkSha256 },
  asOf: e.asOf,
  status: e.status,
});

export const evaluationRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/evaluations",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["evaluations"],
          summary: "评估列表；未登录只见已发布 (list; the public sees published ones)",
        },
      },
      async (req) => {
        const all = await evaluationRows(d.db);
        // A submitter sees unpublished evaluations of its own body only.
        const own =
          req.caller?.role === "submitter"
            ? new Set(
                (
                  await d.db
                    .selectFrom("evaluation_member")
                    .select("evaluation_id")
                    .where("body_id", "=", req.caller.bodyId as string)
                    .execute()
                ).map((r) => r.evaluation_id),
              )
            : null;
        return all
          .filter((e) => maySee(req.caller, e) && (!own || e.status === "published" || own.has(e.id)))
          .map(publicView);
      },
    );

    app.post(
      "/evaluations",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["evaluations"],
          summary: "按框架创建评估 (create from a framework)",
          body: js(NewEvaluation),
        },
      },
      async (req, reply) => {
        const b = NewEvaluation.parse(req.body);
        let source: string;
        let file: string;
        if (/^[a-z0-9][a-z0-9.-]*$/.test(b.framework)) {
          file = builtinPath(b.framework);
          try {
            source = readFileSync(file, "utf8");
          } catch {
            return reply.code(400).send({
              error: "unknown-framework",
              message: `没有内置框架 ${b.framework} (no built-in framework)`,
            });
          }
        } else {
          file = "request body";
          source = b.framework;
        }
        try {
          const framework = parseFramework(source, file);
          const r = await createEvaluation(d.db, {
            code: b.code,
            name: b.name ?? (typeof framework.name === "string" ? framework.name : framework.name.zh),
            framework,
            frameworkSource: source,
            asOf: b.asOf,
            categories: b.categories,
            ...(b.bodies ? { bodies: b.bodies } : {}),
          });
          await audit(d.db, req.caller, "create", "evaluation", b.code, {
            framework: framework.id,
            targets: r.targets,
          });
          return reply.code(201).send({ ...publicView(r.evaluation), bodies: r.targets });
        } catch (e) {
          if (e instanceof FrameworkError)
            return reply.code(400).send({ error: "invalid-framework", message: e.problems.join("\n") });
          if (e instanceof EvaluationError)
            return reply.code(400).send({ error: "invalid-evaluation", message: e.message });
          throw e;
        }
      },
    );

    app.get(
      "/evaluations/:code",
      {
        config: { roles: ["public"] },
        schema: { tags: ["evaluations"], summary: "评估详情 (one evaluation)", params: js(EvaluationCode) },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        return publicView(ev);
      },
    );

    app.post(
      "/evaluations/:code/status",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["evaluations"],
          summary: "推进或退回评估阶段 (move the lifecycle one step)",
          params: js(EvaluationCode),
          body: js(z.object({ status: z.enum(["draft", "collecting", "scoring", "review", "published"]) })),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const to = (req.body as { status: EvaluationStatus }).status;
        const step = LIFECYCLE.indexOf(to) - LIFECYCLE.indexOf(ev.status);
        // Forward one step at a time; only an admin may step back (e.g. reopen review).
        if (!(step === 1 || (step === -1 && req.caller?.role === "admin")))
          return reply.code(409).send({
            error: "bad-transition",
            message: `不能从 ${ev.status} 改为 ${to} (cannot move from ${ev.status} to ${to})`,
          });
        await setStatus(d.db, ev.id, to);
        await audit(d.db, req.caller, "status", "evaluation", ev.code, { from: ev.status, to });
        return { code: ev.code, status: to };
      },
    );

    app.get(
      "/evaluations/:code/bodies",
      {
        config: { roles: SIGNED_IN },
        schema: {
          tags: ["evaluations"],
          summary: "被评估单位 (the evaluated bodies)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const targets = await evaluationTargets(d.db, ev.id);
        // A body's submitter sees its own body only.
        return req.caller?.role === "submitter"
          ? targets.filter((t) => t.bodyId === req.caller?.bodyId)
          : targets;
      },
    );

    app.post(
      "/evaluations/:code/inspections",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["inspections"],
          summary: "开始巡检全部目标网站 (start inspecting every target site)",
          params: js(EvaluationCode),
          body: js(
            z
              .object({
                maxPages: z.number().int().min(1).max(100_000).optional(),
                again: z.boolean().optional(),
              })
              .optional(),
          ),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const body = (req.body ?? {}) as { maxPages?: number; again?: boolean };
        const options = defaultOptions();
        if (body.maxPages) options.crawl.maxPages = body.maxPages;
        options.allowPrivate = d.allowPrivate;
        options.allowEndpoints = [...d.allowEndpoints];
        const { started, progress } = app.runs.start(ev.code, (p) =>
          inspectEvaluation(d.db, {
            code: ev.code,
            options,
            again: body.again === true,
            ...(d.resolver ? { resolver: d.resolver } : {}),
            onProgress: (done, total) => {
              p.done = done;
              p.total = total;
            },
          }).then(() => undefined),
        );
        if (started) await audit(d.db, req.caller, "inspect", "evaluation", ev.code, body);
        return reply.code(started ? 202 : 409).send(progress);
      },
    );

    app.get(
      "/evaluations/:code/inspections",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["inspections"],
          summary: "巡检进度与报告 (progress and reports)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const reports = await d.db
          .selectFrom("inspection")
          .innerJoin("website", "website.id", "inspection.website_id")
          .select(["website.body_id as bodyId", "inspection.site", "inspection.finished_at as finishedAt"])
          .where("inspection.evaluation_id", "=", ev.id)
          .orderBy("website.body_id")
          .execute();
        return { run: app.runs.get(ev.code) ?? null, reports };
      },
    );

    app.post(
      "/evaluations/:code/score",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["results"],
          summary: "计分并留档 (score and keep the run)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        if (ev.status === "published")
          return reply.code(409).send({
            error: "published",
            message: "已发布的评估不再计分 (a published evaluation is not re-scored)",
          });
        const r = await scoreEvaluation(d.db, ev.code);
        await audit(d.db, req.caller, "score", "evaluation", ev.code, {
          run: r.runId,
          output: r.outputSha256,
        });
        return { run: r.runId, outputSha256: r.outputSha256, bodies: r.scores.bodies.length };
      },
    );
  };
