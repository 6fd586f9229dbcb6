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

/** An uploaded file in a JSON body (attachments are small documents; the body limit is 5 MB). */
export const Upload = z.object({
  name: z.string().min(1).max(200),
  contentType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/)
    .max(100),
  dataBase64: z.string().max(4_000_000),
});

/** Sends a stored file as a download that the browser never renders (an uploaded page cannot run). */
export function sendDownload(
  reply: import("fastify").FastifyReply,
  file: { name: string; content_type: string; bytes: Uint8Array },
) {
  return reply
    .header("content-type", file.content_type)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header("x-content-type-options", "nosniff")
    .send(Buffer.from(file.bytes));
}
