import { readFileSync } from "node:fs";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { EvaluationError } from "../../evaluations/evaluation-store.ts";
import { loadDatabaseRelease } from "../../publish/from-evaluations.ts";
import { formatProblem, ReleaseInputError } from "../../publish/input-error.ts";
import { releaseJson } from "../../publish/release-json.ts";
import { DEFAULT_TEMPLATES, renderRelease } from "../../publish/render-release.ts";
import { STAFF } from "../auth/roles.ts";
import type { RouteDeps } from "../deps.ts";
import { js } from "../schema.ts";

const Code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/)
  .max(100);

const NewRelease = z.object({
  /** The evaluations of the release, one section each, in this order. */
  evaluations: z.array(Code).min(1).max(50),
  /** The previous edition's evaluations, matched by name, for the year over year. */
  previous: z.array(Code).max(50).default([]),
  /** Tiers every tiered evaluation lists by name (default: the top two of its framework's). */
  publishTiers: z.array(z.string().min(1).max(50)).max(20).optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  previousYear: z.number().int().min(1990).max(2100).optional(),
});

/**
 * The release of several evaluations, as `govscore release --evaluation A --evaluation B …`
 * writes it: the same input (each evaluation's latest run, its framework's tier ladder, the cases
 * received, the previous edition) rendered with the default templates. Files (HTML, PDF, XLSX, the
 * results site) are the command line's.
 */
export const releaseRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.post(
      "/releases",
      {
        config: { roles: STAFF },
        schema: {
          tags: ["results"],
          summary:
            "由多个评估生成一份发布稿（中文、英文与发布数据）(one release from several evaluations: Chinese, English and its data)",
          body: js(NewRelease),
        },
      },
      async (req, reply) => {
        const b = NewRelease.parse(req.body);
        try {
          const input = await loadDatabaseRelease(
            d.db,
            { evaluations: b.evaluations, previous: b.previous, publishTiers: b.publishTiers },
            { ranking: "dense", year: b.year, previousYear: b.previousYear },
          );
          const render = (lang: "zh" | "en") => {
            const file = DEFAULT_TEMPLATES[lang];
            return renderRelease(input, { file, text: readTemplate(file) }, lang);
          };
          return { zh: render("zh"), en: render("en"), release: JSON.parse(releaseJson(input)) };
        } catch (e) {
          if (e instanceof EvaluationError)
            return reply.code(404).send({ error: "not-found", message: e.message });
          if (e instanceof ReleaseInputError)
            return reply.code(400).send({
              error: "invalid-release",
              message: e.problems.map(formatProblem).join("\n"),
            });
          throw e;
        }
      },
    );
  };

const templates = new Map<string, string>();
function readTemplate(file: string): string {
  let text = templates.get(file);
  if (text === undefined) {
    text = readFileSync(file, "utf8");
    templates.set(file, text);
  }
  return text;
}
