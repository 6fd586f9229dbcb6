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

/**
 * Bidirectional formatting characters (LRE, RLE, PDF, LRO, RLO U+202A–U+202E; LRI, RLI, FSI, PDI
 * U+2066–U+2069; the marks LRM, RLM, ALM) and control characters. In a file name they make
 * `invoice<U+202E>fdp.exe` show as `invoiceexe.pdf`: names the server hands out have them removed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file name as the server gives it in Content-Disposition: no bidi overrides, no controls. */
export function downloadName(name: string): string {
  return name.replace(UNSAFE_IN_NAME, "").trim() || "download";
}

/** Sends a stored file as a download that the browser never renders (an uploaded page cannot run). */
export function sendDownload(
  reply: import("fastify").FastifyReply,
  file: { name: string; content_type: string; bytes: Uint8Array },
) {
  return reply
    .header("content-type", file.content_type)
    .header(
      "content-disposition",
      `attachment; filename*=UTF-8''${encodeURIComponent(downloadName(file.name))}`,
    )
    .header("x-content-type-options", "nosniff")
    .send(Buffer.from(file.bytes));
}
