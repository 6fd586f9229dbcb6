import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { SqlFileMigrationProvider } from "../../src/store/migrate.ts";
import { openPGlite, openStore, type Store } from "../../src/store/open.ts";
import { PGliteDialect } from "../../src/store/pglite-dialect.ts";
import { backends, createServerDatabase } from "../support/stores.ts";

const MIGRATIONS = join(import.meta.dirname, "../../src/store/migrations");

/** A database migrated up to (and including) the named migration only, as an older release left it. */
async function migratedUpTo(db: Kysely<unknown>, last: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "govscore-migrations-"));
  try {
    for (const f of readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql") && f <= `${last}.sql`))
      copyFileSync(join(MIGRATIONS, f), join(dir, f));
    const migrator = new Migrator({
      db,
      provider: new SqlFileMigrationProvider(pathToFileURL(`${dir}/`)),
      migrationTableName: "govscore_migration",
      migrationLockTableName: "govscore_migration_lock",
    });
    const r = await migrator.migrateToLatest();
    if (r.error) throw r.error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an evaluation held before units could be in several categories. */
async function oldData(db: Kysely<unknown>): Promise<void> {
  await sql`insert into body (id, name, short_name, level, division_code) values
    ('cn-510100', '成都市人民政府', '成都市', 'prefectural', '510100'),
    ('cn-520000', '贵州省人民政府', '贵州省', 'provincial', '520000')`.execute(db);
  await sql`insert into body_category (body_id, category_code) values
    ('cn-510100', 'sub-provincial-city'), ('cn-510100', 'provincial-capital'), ('cn-520000', 'province')`.execute(
    db,
  );
  await sql`insert into evaluation (code, name, framework_id, framework_version, framework_source,
    framework_sha256, as_of) values ('old', '旧评估', 'f', '1', 'x', 'h', '2021-11-30')`.execute(db);
  // The first listed category won: 成都 was ranked among 副省级城市 only.
  await sql`insert into evaluation_body (evaluation_id, body_id, category_code) values
    (1, 'cn-510100', 'sub-provincial-city'), (1, 'cn-520000', 'province')`.execute(db);
  await sql`insert into evidence_value (evaluation_id, body_id, kind, code, value, source) values
    (1, 'cn-510100', 'rubric', 'quality', '"A"', 'e.csv')`.execute(db);
  await sql`insert into score_run (evaluation_id, framework_sha256, input_sha256, output_sha256, output)
    values (1, 'h', 'i', 'o', '{}')`.execute(db);
  await sql`insert into score_result (run_id, body_id, node, score, rank, tier) values
    (1, 'cn-510100', 'index', 90, 2, null), (1, 'cn-520000', 'index', 80, 1, null)`.execute(db);
}

async function check(store: Store): Promise<void> {
  const db = store.db;
  assert.deepEqual(store.appliedMigrations, ["0007_multi_category"]);
  assert.deepEqual(
    await db
      .selectFrom("evaluation_member")
      .select(["body_id", "app_id", "category_code"])
      .orderBy("body_id")
      .execute(),
    [
      { body_id: "cn-510100", app_id: null, category_code: "sub-provincial-city" },
      { body_id: "cn-520000", app_id: null, category_code: "province" },
    ],
  );
  // The categories it had, in the built-in order (the release's), since the listed order was not kept.
  assert.deepEqual(
    await db
      .selectFrom("evaluation_category")
      .select(["category_code", "position", "title"])
      .orderBy("position")
      .execute(),
    [
      { category_code: "province", position: 1, title: null },
      { category_code: "sub-provincial-city", position: 2, title: null },
    ],
  );
  assert.deepEqual(await db.selectFrom("evidence_value").select(["body_id", "app_id", "code"]).execute(), [
    { body_id: "cn-510100", app_id: null, code: "quality" },
  ]);
  // Earlier runs' rows say which category their rank was in.
  assert.deepEqual(
    await db
      .selectFrom("score_result")
      .select(["body_id", "category_code", "rank"])
      .orderBy("body_id")
      .execute(),
    [
      { body_id: "cn-510100", category_code: "sub-provincial-city", rank: 2 },
      { body_id: "cn-520000", category_code: "province", rank: 1 },
    ],
  );
  const province = await db
    .selectFrom("category")
    .select("name_zh")
    .where("code", "=", "province")
    .executeTakeFirst();
  assert.equal(province?.name_zh, "省、自治区");
  // A value is one per unit, kind and code: writing it again for the body replaces nothing twice.
  await assert.rejects(
    sql`insert into evidence_value (evaluation_id, body_id, kind, code, value, source) values
      (1, 'cn-510100', 'rubric', 'quality', '"B"', 'again')`.execute(db),
  );
}

for (const backend of backends) {
  describe(`the multi-category migration keeps existing data (${backend.name})`, {
    skip: backend.skip,
  }, () => {
    test("evaluation_body becomes evaluation_member, with the categories and score rows it implied", async () => {
      if (backend.name === "pglite") {
        const pglite = await PGlite.create();
        await migratedUpTo(
          new Kysely<unknown>({ dialect: new PGliteDialect(pglite) }),
          "0006_submission_attachment",
        );
        await oldData(new Kysely<unknown>({ dialect: new PGliteDialect(pglite) }));
        const store = await openPGlite(pglite);
        try {
          await check(store);
        } finally {
          await store.close();
        }
        return;
      }
      const database = await createServerDatabase();
      const pool = new pg.Pool({ connectionString: database.url, max: 2 });
      const old = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
      try {
        await migratedUpTo(old, "0006_submission_attachment");
        await oldData(old);
      } finally {
        await old.destroy();
      }
      const store = await openStore({ kind: "postgres", url: database.url });
      try {
        await check(store);
      } finally {
        await store.close();
        await database.drop();
      }
    });
  });
}
