import type { FastifyPluginAsync } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { AccountRole, Database } from "../../store/schema.ts";
import { audit } from "../audit.ts";
import { hashPassword, passwordProblem } from "../auth/passwords.ts";
import type { RouteDeps } from "../deps.ts";
import { js } from "../schema.ts";

const NewAccount = z.object({
  username: z.string().regex(/^[A-Za-z0-9._@-]{2,64}$/),
  displayName: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  role: z.enum(["admin", "evaluator", "expert", "submitter"]),
  bodyId: z.string().nullable().optional(),
});

export class AccountError extends Error {}

/** Creates an account (CLI and API share it): argon2 hash, a submitter bound to one body. */
export async function createAccount(
  db: Kysely<Database>,
  a: { username: string; displayName: string; password: string; role: AccountRole; bodyId?: string | null },
): Promise<number> {
  const weak = passwordProblem(a.password);
  if (weak) throw new AccountError(weak);
  if ((a.role === "submitter") !== Boolean(a.bodyId))
    throw new AccountError("填报账号须且只须绑定一个单位 (a submitter account, and only it, names a body)");
  if (a.bodyId) {
    const b = await db.selectFrom("body").select("id").where("id", "=", a.bodyId).executeTakeFirst();
    if (!b) throw new AccountError(`没有单位 ${a.bodyId} (no body ${a.bodyId})`);
  }
  const taken = await db
    .selectFrom("account")
    .select("id")
    .where("username", "=", a.username)
    .executeTakeFirst();
  if (taken) throw new AccountError(`用户名 ${a.username} 已被使用 (username taken)`);
  const row = await db
    .insertInto("account")
    .values({
      username: a.username,
      display_name: a.displayName,
      password_hash: await hashPassword(a.password),
      role: a.role,
      body_id: a.bodyId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export const accountRoutes =
  (d: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      "/accounts",
      { config: { roles: ["admin"] }, schema: { tags: ["accounts"], summary: "账号列表 (list accounts)" } },
      async () =>
        d.db
          .selectFrom("account")
          .select(["id", "username", "display_name as displayName", "role", "body_id as bodyId", "disabled"])
          .orderBy("id")
          .execute(),
    );

    app.post(
      "/accounts",
      {
        config: { roles: ["admin"] },
        schema: { tags: ["accounts"], summary: "新建账号 (create an account)", body: js(NewAccount) },
      },
      async (req, reply) => {
        const a = req.body as z.infer<typeof NewAccount>;
        try {
          const id = await createAccount(d.db, a);
          await audit(d.db, req.caller, "create", "account", id, {
            username: a.username,
            role: a.role,
            bodyId: a.bodyId ?? null,
          });
          return reply.code(201).send({ id });
        } catch (e) {
          if (e instanceof AccountError)
            return reply.code(400).send({ error: "invalid-account", message: e.message });
          throw e;
        }
      },
    );

    app.get(
      "/audit",
      {
        config: { roles: ["admin"] },
        schema: {
          tags: ["accounts"],
          summary: "审计日志 (audit trail)",
          querystring: js(
            z.object({
              entity: z.string().optional(),
              limit: z.coerce.number().int().min(1).max(1000).optional(),
            }),
          ),
        },
      },
      async (req) => {
        const q = req.query as { entity?: string; limit?: number };
        let sel = d.db
          .selectFrom("audit_log")
          .selectAll()
          .orderBy("id", "desc")
          .limit(q.limit ?? 200);
        if (q.entity) sel = sel.where("entity", "=", q.entity);
        return sel.execute();
      },
    );
  };
