import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { z } from "zod";
import type { CategoryRanks, EvaluationRow } from "../../evaluations/evaluation-store.ts";
import { rankingsOf } from "../../evaluations/score-evaluation.ts";
import type { Caller } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js } from "../schema.ts";
import { evaluationFor } from "./evaluations.ts";

interface StoredScores {
  root: string;
  bodies: {
    bodyId: string;
    app?: { id: number; name: string };
    rankings?: CategoryRanks[];
    category: string | null;
    scores: Record<string, number | null>;
    ranks: Record<string, number | null>;
    tier: string | null;
    verdict?: string;
    reason?: string;
  }[];
}

/** Anonymous readers may see an answer this old: published results change rarely. */
const PUBLIC_TTL_MS = 1000;

export const resultRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const publicCache = new Map<string, { at: number; status: number; body: string }>();

    async function latest(ev: EvaluationRow) {
      const run = await d.db
        .selectFrom("score_run")
        .select(["id", "output"])
        .where("evaluation_id", "=", ev.id)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      if (!run) return null;
      const out = (typeof run.output === "string" ? JSON.parse(run.output) : run.output) as StoredScores;
      return { runId: run.id, out };
    }

    /** Before publication a body's submitter sees its own body only. */
    const ownOnly = (caller: Caller | null, ev: EvaluationRow) =>
      caller?.role === "submitter" && ev.status !== "published" ? caller.bodyId : null;

    async function summary(
      ev: EvaluationRow,
      caller: Caller | null,
    ): Promise<{ status: number; body: string }> {
      const r = await latest(ev);
      if (!r)
        return {
          status: 404,
          body: JSON.stringify({ error: "not-scored", message: "尚未计分 (not scored yet)" }),
        };
      const names = new Map(
        (
          await d.db
            .selectFrom("body")
            .select(["id", "name", "short_name"])
            .where(
              "id",
              "in",
              r.out.bodies.map((b) => b.bodyId),
            )
            .execute()
        ).map((b) => [b.id, b]),
      );
      const own = ownOnly(caller, ev);
      const root = r.out.root;
      return {
        status: 200,
        body: JSON.stringify({
          evaluation: ev.code,
          name: ev.name,
          status: ev.status,
          asOf: ev.asOf,
          run: r.runId,
          root,
          bodies: r.out.bodies
            .filter((b) => !own || b.bodyId === own)
            .map((b) => ({
              bodyId: b.bodyId,
              name: names.get(b.bodyId)?.name ?? null,
              shortName: names.get(b.bodyId)?.short_name ?? null,
              // The app evaluated, in an evaluation of apps (its owner's names above).
              app: b.app ?? null,
              category: b.category,
              score: b.scores[root] ?? null,
              rank: b.ranks[root] ?? null,
              // Its place in every category it is ranked in (成都: 副省级城市 and 省会城市).
              rankings: rankingsOf(b).map((r) => ({ category: r.category, rank: r.ranks[root] ?? null })),
              tier: b.tier,
              ...(b.verdict ? { verdict: b.verdict, reason: b.reason } : {}),
            })),
        }),
      };
    }

    const send = (reply: FastifyReply, r: { status: number; body: string }) =>
      reply.code(r.status).type("application/json; charset=utf-8").send(r.body);

    app.get(
      "/evaluations/:code/results",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["results"],
          summary: "最新结果：各单位总分、名次、档级 (latest results: score, rank, tier per body)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const code = (req.params as { code: string }).code;
        if (!req.caller) {
          const hit = publicCache.get(code);
          if (hit && Date.now() - hit.at < PUBLIC_TTL_MS) return send(reply, hit);
        }
        const ev = await evaluationFor(d, code, req.caller, reply);
        if (!ev) return reply;
        const r = await summary(ev, req.caller);
        if (!req.caller) publicCache.set(code, { at: Date.now(), ...r });
        return send(reply, r);
      },
    );

    app.get(
      "/evaluations/:code/results/:bodyId",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["results"],
          summary: "一个单位在每个指标上的得分与名次 (one body's score and rank on every node)",
          params: js(z.object({ code: z.string(), bodyId: z.string() })),
        },
      },
      async (req, reply) => {
        const p = req.params as { code: string; bodyId: string };
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        const own = ownOnly(req.caller, ev);
        if (own && own !== p.bodyId)
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const r = await latest(ev);
        const b = r?.out.bodies.find((x) => x.bodyId === p.bodyId);
        if (!r || !b)
          return reply
            .code(404)
            .send({ error: "not-found", message: "没有该单位的结果 (no result for this body)" });
        return { evaluation: ev.code, status: ev.status, run: r.runId, root: r.out.root, ...b };
      },
    );

    app.get(
      "/evaluations/:code/results/:bodyId/history",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["results"],
          summary:
            "一个单位历次计分的总分、名次、档级 (one body's score, rank and tier in every scoring run)",
          params: js(z.object({ code: z.string(), bodyId: z.string() })),
        },
      },
      async (req, reply) => {
        const p = req.params as { code: string; bodyId: string };
        const ev = await evaluationFor(d, p.code, req.caller, reply);
        if (!ev) return reply;
        const own = ownOnly(req.caller, ev);
        if (own && own !== p.bodyId)
          return reply.code(403).send({ error: "forbidden", message: "只能查看本单位 (your own body only)" });
        const runs = await d.db
          .selectFrom("score_run")
          .select(["id", "created_at", "output"])
          .where("evaluation_id", "=", ev.id)
          .orderBy("id")
          .execute();
        return runs.flatMap((r) => {
          const out = (typeof r.output === "string" ? JSON.parse(r.output) : r.output) as StoredScores;
          const b = out.bodies.find((x) => x.bodyId === p.bodyId);
          if (!b) return [];
          return [
            {
              run: r.id,
              at: new Date(r.created_at).toISOString(),
              score: b.scores[out.root] ?? null,
              rank: b.ranks[out.root] ?? null,
              tier: b.tier,
            },
          ];
        });
      },
    );
  };
