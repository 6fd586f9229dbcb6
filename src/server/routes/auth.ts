import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync } from "fastify";
import { z } from "zod";
import { audit } from "../audit.ts";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { SIGNED_IN } from "../auth/roles.ts";
import { createSession, endSession, SESSION_COOKIE } from "../auth/sessions.ts";
import type { RouteDeps } from "../deps.ts";
import { ErrorBody, js } from "../schema.ts";

const Login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
const Me = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  bodyId: z.string().nullable(),
});

// A real hash to verify against when the user does not exist, so the answer's timing does not
// tell which usernames exist.
let dummyHash: Promise<string> | null = null;

export const authRoutes =
  (d: RouteDeps, loginPerMinute: number): FastifyPluginAsync =>
  async (app) => {
    app.post(
      "/auth/login",
      {
        config: {
          roles: ["public"],
          // Per address and username: guessing one account's password is slowed down, while a
          // government office behind one NAT address still lets all its staff sign in.
          rateLimit: {
            max: loginPerMinute,
            timeWindow: "1 minute",
            keyGenerator: (req) =>
              `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? "")}`,
          },
        },
        schema: {
          tags: ["auth"],
          summary: "登录 (sign in)",
          body: js(Login),
          response: { 200: js(z.object({ account: Me, csrfToken: z.string() })), 401: js(ErrorBody) },
        },
      },
      async (req, reply) => {
        const { username, password } = req.body as z.infer<typeof Login>;
        const acc = await d.db
          .selectFrom("account")
          .selectAll()
          .where("username", "=", username)
          .where("disabled", "=", false)
          .executeTakeFirst();
        dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
        const ok = await verifyPassword(acc?.password_hash ?? (await dummyHash), password);
        if (!acc || !ok) {
          await audit(d.db, null, "login-failed", "account", null, { username });
          return reply
            .code(401)
            .send({ error: "bad-credentials", message: "用户名或密码错误 (wrong username or password)" });
        }
        const s = await createSession(d.db, acc.id);
        await audit(d.db, { id: acc.id, username: acc.username }, "login", "account", acc.id);
        reply.setCookie(SESSION_COOKIE, s.token, {
          httpOnly: true,
          sameSite: "strict",
          secure: d.secureCookies,
          path: "/",
          expires: s.expiresAt,
        });
        return {
          account: {
            id: acc.id,
            username: acc.username,
            displayName: acc.display_name,
            role: acc.role,
            bodyId: acc.body_id,
          },
          csrfToken: s.csrfToken,
        };
      },
    );

    app.post(
      "/auth/logout",
      { config: { roles: SIGNED_IN }, schema: { tags: ["auth"], summary: "退出 (sign out)" } },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await endSession(d.db, token);
        await audit(d.db, req.caller, "logout", "account", req.caller?.id ?? null);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return { ok: true };
      },
    );

    app.get(
      "/auth/me",
      {
        config: { roles: SIGNED_IN },
        schema: {
          tags: ["auth"],
          summary: "当前用户 (who am I)",
          response: { 200: js(Me.extend({ csrfToken: z.string() })) },
        },
      },
      async (req) => {
        const c = req.caller as NonNullable<typeof req.caller>;
        const acc = await d.db
          .selectFrom("account")
          .select("display_name")
          .where("id", "=", c.id)
          .executeTakeFirstOrThrow();
        return {
          id: c.id,
          username: c.username,
          displayName: acc.display_name,
          role: c.role,
          bodyId: c.bodyId,
          csrfToken: c.csrfToken,
        };
      },
    );
  };
