import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import type { Resolver } from "../crawl/fetch.ts";
import type { Store } from "../store/open.ts";
import { ROLES, type Role } from "./auth/roles.ts";
import { SESSION_COOKIE, sessionCaller } from "./auth/sessions.ts";
import type { RouteDeps } from "./deps.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { alertRoutes } from "./routes/alerts.ts";
import { appealRoutes } from "./routes/appeals.ts";
import { authRoutes } from "./routes/auth.ts";
import { caseRoutes } from "./routes/cases.ts";
import { evaluationRoutes } from "./routes/evaluations.ts";
import { expertRoutes } from "./routes/experts.ts";
import { findingRoutes } from "./routes/findings.ts";
import { frameworkRoutes } from "./routes/framework.ts";
import { progressRoutes } from "./routes/progress.ts";
import { releaseRoutes } from "./routes/releases.ts";
import { resultRoutes } from "./routes/results.ts";
import { submissionRoutes } from "./routes/submissions.ts";
import { RunRegistry } from "./runs.ts";
import { registerWebApp } from "./web-app.ts";

export interface AppOptions {
  store: Store;
  /** Cookies only over https (true behind TLS; tests and the local demo use http). */
  secureCookies?: boolean;
  logger?: boolean;
  /** Login attempts per IP per minute. */
  loginPerMinute?: number;
  /** Lets tests and `govscore serve --allow-private` inspect sites on private addresses. */
  allowPrivate?: boolean;
  /**
   * Private servers the inspections may reach although `allowPrivate` is off, as `address:port`
   * (the demo's fixture servers, and nothing else on those addresses).
   */
  allowEndpoints?: readonly string[];
  /** How inspections started from the API resolve names (default: the system's DNS). */
  resolver?: Resolver;
  /** The built web app to serve at / (null: API only). */
  webDir?: string | null;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The path of the first string (value or key) holding a NUL byte, e.g. `body.attachments[0].name`,
 * or null. Walks with its own stack: a deeply nested body cannot overflow the call stack.
 */
export function nulField(root: Record<string, unknown>): string | null {
  const stack: [unknown, string][] = Object.entries(root).map(([k, v]) => [v, k]);
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === "string") {
      if (v.includes("\u0000")) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        stack.push([x, `${path}[${i}]`]);
      });
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes("\u0000")) return `${path} (a key)`;
        stack.push([x, `${path}.${k}`]);
      }
    }
  }
  return null;
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: o.logger ?? false, trustProxy: false, bodyLimit: 5 * 1024 * 1024 });
  const db = o.store.db;
  app.decorateRequest("caller", null);
  app.decorate("runs", new RunRegistry());
  const apiRoutes: ApiRoute[] = [];
  app.decorate("apiRoutes", apiRoutes);

  // Every API route must say who may call it; a route that forgets fails here, at start-up.
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    if (route.url.startsWith("/api/docs")) {
      route.config = { ...(route.config ?? {}), roles: ["public"] };
      return;
    }
    const roles = (route.config as { roles?: readonly Role[] } | undefined)?.roles;
    if (!roles?.length || roles.some((r) => !ROLES.includes(r)))
      throw new Error(`route ${route.method} ${route.url} declares no roles`);
    for (const method of [route.method].flat())
      if (method !== "HEAD") apiRoutes.push({ method, url: route.url, roles });
  });

  await app.register(cookie);
  // preHandler: the limit is keyed on the username, so it must run after the body is parsed.
  await app.register(rateLimit, { global: false, hook: "preHandler" });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "govscore API",
        description: "政府网站与数字政府服务能力评估平台 · evaluation workspace API",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (req, reply) => {
    const roles = req.routeOptions.config?.roles;
    if (!roles) return; // not an API route (404 handler)
    req.caller = await sessionCaller(db, req.cookies[SESSION_COOKIE]);
    if (!roles.includes("public")) {
      if (!req.caller)
        return reply.code(401).send({ error: "unauthenticated", message: "请先登录 (sign in first)" });
      if (!roles.includes(req.caller.role))
        return reply
          .code(403)
          .send({ error: "forbidden", message: "无权执行此操作 (your role may not do this)" });
    }
    // Cookies ride along on cross-site requests; a state change also needs the session's token.
    if (req.caller && UNSAFE.has(req.method) && req.headers["x-csrf-token"] !== req.caller.csrfToken)
      return reply
        .code(403)
        .send({ error: "csrf", message: "缺少或错误的 CSRF 令牌 (missing or wrong CSRF token)" });
  });

  app.setErrorHandler((error, _req, reply) => {
    const e = error as { statusCode?: number; validation?: unknown; message: string; code?: string };
    if (e.validation) return reply.code(400).send({ error: "invalid-request", message: e.message });
    const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 500;
    if (status === 500) app.log.error(error);
    return reply.code(status).send({
      error: status === 500 ? "internal" : (e.code ?? "error"),
      message: status === 500 ? "内部错误 (internal error)" : e.message,
    });
  });

  // A NUL byte cannot be stored in a Postgres text value, and no field has a use for one: any in
  // the body (keys or values, at any depth), the query or the path is a 400 naming the field.
  app.addHook("preValidation", async (req, reply) => {
    const where = nulField({ body: req.body, query: req.query, params: req.params });
    if (where)
      return reply.code(400).send({
        error: "nul-byte",
        message: `字段 ${where} 含有 NUL 字符（U+0000），不予接受 (a NUL byte (U+0000) in ${where} is not accepted)`,
      });
  });

  const deps: RouteDeps = {
    db,
    secureCookies: o.secureCookies ?? false,
    allowPrivate: o.allowPrivate ?? false,
    allowEndpoints: o.allowEndpoints ?? [],
    ...(o.resolver ? { resolver: o.resolver } : {}),
  };
  await app.register(authRoutes(deps, o.loginPerMinute ?? 10), { prefix: "/api" });
  await app.register(accountRoutes(deps), { prefix: "/api" });
  await app.register(evaluationRoutes(deps), { prefix: "/api" });
  await app.register(expertRoutes(deps), { prefix: "/api" });
  await app.register(submissionRoutes(deps), { prefix: "/api" });
  await app.register(resultRoutes(deps), { prefix: "/api" });
  await app.register(releaseRoutes(deps), { prefix: "/api" });
  await app.register(caseRoutes(deps), { prefix: "/api" });
  await app.register(appealRoutes(deps), { prefix: "/api" });
  await app.register(frameworkRoutes(deps), { prefix: "/api" });
  await app.register(progressRoutes(deps), { prefix: "/api" });
  await app.register(findingRoutes(deps), { prefix: "/api" });
  await app.register(alertRoutes(deps), { prefix: "/api" });
  if (o.webDir) await registerWebApp(app, o.webDir);
  return app;
}

export interface ApiRoute {
  method: string;
  url: string;
  roles: readonly Role[];
}

declare module "fastify" {
  interface FastifyInstance {
    runs: RunRegistry;
    /** Every /api route with the roles it admits (the role-matrix test walks them all). */
    apiRoutes: ApiRoute[];
  }
}
