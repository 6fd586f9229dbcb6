import { z } from "zod";

/** A zod schema as the JSON Schema Fastify validates with (and OpenAPI documents). */
export function js(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: "draft-7", io: "input" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

export const ErrorBody = z.object({ error: z.string(), message: z.string() });

export const EvaluationCode = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/)
    .max(100),
});
