import type { FastifyPluginAsync } from "fastify";
import type { RouteDeps } from "../app.ts";
import { EvaluationCode, js } from "../schema.ts";
import { evaluationFor } from "./evaluations.ts";

interface StoredScores {
  root: string;
  bodies: {
    bodyId: string;
    category: string | null;
    scores: Record<string, number | null>;
    ranks: Record<string, number | null>;
    tier: string | null;
    verdict?: string;
    reason?: string;
  }[];
}

/**
 * Results are the latest scoring run. The public reads them often (2,000 requests a second is
 * the target), so the serialised answer is cached per run id and rebuilt only after a new run.
 */
export const resultRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const cache = new Map<string, { runId: number; body: string }>();
    app.get(
      "/evaluations/:code/results",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["results"],
          summary: "最新计分结果；未发布时仅登录可见 (latest results)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        const run = await d.db
          .selectFrom("score_run")
          .select(["id", "created_at"])
          .where("evaluation_id", "=", ev.id)
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst();
        if (!run) return reply.code(404).send({ error: "not-scored", message: "尚未计分 (not scored yet)" });
        // Before publication a body's submitter sees its own body's result only.
        const own = req.caller?.role === "submitter" && ev.status !== "published" ? req.caller.bodyId : null;
        const key = `${ev.code}\u0000${ev.status}\u0000${own ?? ""}`;
        const hit = cache.get(key);
        if (hit && hit.runId === run.id) return reply.type("application/json; charset=utf-8").send(hit.body);
        const row = await d.db
          .selectFrom("score_run")
          .select("output")
          .where("id", "=", run.id)
          .executeTakeFirstOrThrow();
        const out = (typeof row.output === "string" ? JSON.parse(row.output) : row.output) as StoredScores;
        const body = JSON.stringify({
          evaluation: ev.code,
          status: ev.status,
          run: run.id,
          root: out.root,
          bodies: own ? out.bodies.filter((b) => b.bodyId === own) : out.bodies,
        });
        cache.set(key, { runId: run.id, body });
        return reply.type("application/json; charset=utf-8").send(body);
      },
    );
  };
