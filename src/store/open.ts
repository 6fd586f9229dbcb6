import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { describeStore, type StoreConfig, storeConfigFromEnv } from "./config.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { migrateToLatest } from "./migrate.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

export interface Store {
  db: Kysely<Database>;
  config: StoreConfig;
  /** Human-readable location, password hidden. */
  description: string;
  /** Names of the migrations applied by this open (empty when the schema was current). */
  appliedMigrations: string[];
  /** True when this open created the database (no migration had been applied before). */
  created: boolean;
  close(): Promise<void>;
}

// Postgres returns int8 (counts, sums) as text to keep precision; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Opens the configured database and brings its schema up to date. */
export async function openStore(config: StoreConfig = storeConfigFromEnv()): Promise<Store> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    return finishOpen(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), config, () => {});
  }
  if (config.kind === "pglite-memory") return openPGlite(await PGlite.create(), config);
  const release = lockDataDir(config.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(join(config.dataDir, "pgdata"));
  } catch (error) {
    release();
    throw error;
  }
  return openPGlite(pglite, config, release);
}

/** Wraps an already created PGlite instance (e.g. a clone of a migrated template in tests). */
export function openPGlite(
  pglite: PGlite,
  config: StoreConfig = { kind: "pglite-memory" },
  release: () => void = () => {},
): Promise<Store> {
  return finishOpen(new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), config, release);
}

async function finishOpen(db: Kysely<Database>, config: StoreConfig, release: () => void): Promise<Store> {
  try {
    const result = await migrateToLatest(db as Kysely<unknown>);
    const applied = (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
    return {
      db,
      config,
      description: describeStore(config),
      appliedMigrations: applied,
      created: applied.includes("0001_registry"),
      async close() {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    await db.destroy().catch(() => {});
    release();
    throw error;
  }
}
