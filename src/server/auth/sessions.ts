import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { Caller } from "./roles.ts";

export const SESSION_COOKIE = "govscore_session";
const SESSION_HOURS = 12;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(
  db: Kysely<Database>,
  accountId: number,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db
    .insertInto("session")
    .values({
      token_sha256: digest(token),
      account_id: accountId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function sessionCaller(db: Kysely<Database>, token: string | undefined): Promise<Caller | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("session")
    .innerJoin("account", "account.id", "session.account_id")
    .select(["account.id", "account.username", "account.role", "account.body_id", "session.csrf_token"])
    .where("session.token_sha256", "=", digest(token))
    .where("session.expires_at", ">", new Date())
    .where("account.disabled", "=", false)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    bodyId: row.body_id,
    csrfToken: row.csrf_token,
  };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom("session").where("token_sha256", "=", digest(token)).execute();
}
