import { readdir, readFile } from "node:fs/promises";
import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
  sql,
} from "kysely";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);
const BREAKPOINT = /^--> statement-breakpoint\s*$/m;

/** Splits a migration file on its breakpoint lines into single statements. */
export function splitStatements(text: string): string[] {
  return text
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--[^\n]*\n?/g, "").trim().length > 0);
}

/** Reads `NNNN_name.sql` files; Kysely's Migrator orders them by name and records them. */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly dir: URL = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const statements = splitStatements(await readFile(new URL(file, this.dir), "utf8"));
      migrations[file.replace(/\.sql$/, "")] = {
        async up(db: Kysely<unknown>) {
          for (const statement of statements) await sql.raw(statement).execute(db);
        },
      };
    }
    return migrations;
  }
}

/**
 * Brings the schema up to date. Kysely's Migrator takes a Postgres advisory lock, so several
 * processes starting at once against one server apply each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider(),
    migrationTableName: "govscore_migration",
    migrationLockTableName: "govscore_migration_lock",
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const where = failed ? ` in migration ${failed.migrationName}` : "";
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`数据库迁移失败${where} (database migration failed${where}): ${cause}`, {
      cause: result.error,
    });
  }
  return result;
}
