import type { FastifyPluginAsync } from "fastify";
import type { EvaluationRow } from "../../evaluations/evaluation-store.ts";
import { type FrameworkOutline, frameworkOutline } from "../../frameworks/leaves.ts";
import { parseFramework } from "../../frameworks/load.ts";
import type { Framework } from "../../frameworks/schema.ts";
import type { RouteDeps } from "../deps.ts";
import { EvaluationCode, js } from "../schema.ts";
import { evaluationFor } from "./evaluations.ts";

// An evaluation's framework text never changes (its SHA-256 is stored), so each is parsed once.
const parsed = new Map<string, { fw: Framework; outline: FrameworkOutline }>();

export function evaluationFramework(ev: EvaluationRow): { fw: Framework; outline: FrameworkOutline } {
  let hit = parsed.get(ev.frameworkSha256);
  if (!hit) {
    const fw = parseFramework(ev.frameworkSource, ev.code);
    hit = { fw, outline: frameworkOutline(fw) };
    if (parsed.size > 100) parsed.clear();
    parsed.set(ev.frameworkSha256, hit);
  }
  return hit;
}

export const frameworkRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/evaluations/:code/framework",
      {
        config: { roles: ["public"] },
        schema: {
          tags: ["evaluations"],
          summary: "评估框架：指标、分值、取值方式、档级 (the framework: indicators, points, sources, tiers)",
          params: js(EvaluationCode),
        },
      },
      async (req, reply) => {
        const ev = await evaluationFor(d, (req.params as { code: string }).code, req.caller, reply);
        if (!ev) return reply;
        return evaluationFramework(ev).outline;
      },
    );
  };
