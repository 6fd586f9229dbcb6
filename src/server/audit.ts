import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import type { Caller } from "./auth/roles.ts";

/** Appends one entry to the audit trail (the table refuses updates and deletes). */
export async function audit(
  db: Kysely<Database>,
  caller: Pick<Caller, "id" | "username"> | null,
  action: string,
  entity: string,
  entityId: string | number | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      account_id: caller?.id ?? null,
      username: caller?.username ?? null,
      action,
      entity,
      entity_id: entityId === null ? null : String(entityId),
      detail: JSON.stringify(detail),
    })
    .execute();
}
