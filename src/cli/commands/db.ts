import type { Command } from "commander";
import { sql } from "kysely";
import { bi } from "../../i18n/bilingual.ts";
import { printJson, printLine } from "../output.ts";
import { withStore } from "../with-store.ts";

export function register(program: Command): void {
  const db = program
    .command("db")
    .description("数据库 (the database: PGlite embedded, or Postgres via DATABASE_URL)");

  db.command("migrate")
    .description("创建数据库或升级结构 (create the database or bring its schema up to date)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action(async (opts: { json?: boolean }) => {
      const info = await withStore(async (store) => ({
        database: store.description,
        applied: store.appliedMigrations,
      }));
      if (opts.json) return printJson(info);
      printLine(
        info.applied.length
          ? bi(
              `${info.database}：已应用迁移 ${info.applied.join(", ")}`,
              `${info.database}: applied ${info.applied.join(", ")}`,
            )
          : bi(`${info.database}：结构已是最新`, `${info.database}: schema is up to date`),
      );
    });

  db.command("info")
    .description("数据库位置、版本与各表行数 (where the database is, its version and row counts)")
    .option("--json", "输出 JSON (machine-readable output)")
    .action(async (opts: { json?: boolean }) => {
      const info = await withStore(async (store) => {
        const version = await sql<{ version: string }>`select version()`.execute(store.db);
        const migrations = await sql<{
          name: string;
        }>`select name from govscore_migration order by name`.execute(store.db);
        const counts: Record<string, number> = {};
        for (const table of [
          "category",
          "body",
          "body_category",
          "website",
          "app",
          "registry_import",
        ] as const) {
          const row = await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow();
          counts[table] = Number(row.n);
        }
        return {
          database: store.description,
          kind: store.config.kind,
          version: version.rows[0]?.version ?? "",
          migrations: migrations.rows.map((r) => r.name),
          counts,
        };
      });
      if (opts.json) return printJson(info);
      printLine(`${info.database}`);
      printLine(info.version);
      printLine(bi(`迁移：${info.migrations.join(", ")}`, `migrations: ${info.migrations.join(", ")}`));
      for (const [table, n] of Object.entries(info.counts)) printLine(`  ${table}\t${n}`);
    });
}
