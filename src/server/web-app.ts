import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Where `npm run build:web` puts the workspace's web app. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../dist/web", import.meta.url));

// The app loads only its own scripts; crawled text reaches it as JSON and React escapes it, and
// this policy is the second fence should anything slip through.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the built web app: hashed assets cached for good, every other non-API path answered
 * with index.html so the app's own routes (/results/…, /tasks/…) survive a reload.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<boolean> {
  const index = join(webDir, "index.html");
  if (!existsSync(index)) return false;
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: "/",
    index: false,
    wildcard: false,
    setHeaders: (res, path) => {
      res.setHeader(
        "cache-control",
        path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  app.addHook("onSend", async (req, reply) => {
    if (req.url.startsWith("/api/")) return;
    reply.header("content-security-policy", CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    reply.header("x-frame-options", "DENY");
  });
  app.setNotFoundHandler((req, reply) => {
    if (
      (req.method !== "GET" && req.method !== "HEAD") ||
      req.url.startsWith("/api/") ||
      req.url.startsWith("/assets/")
    )
      return reply.code(404).send({ error: "not-found", message: "没有这个地址 (no such address)" });
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
  return true;
}
