import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { storeConfigFromEnv } from "../../src/store/config.ts";
import { splitStatements } from "../../src/store/migrate.ts";
import { openStore, type Store } from "../../src/store/open.ts";
import { backends, createServerDatabase } from "../support/stores.ts";

/** Every migration file, in the order the migrator applies them. */
const MIGRATIONS = readdirSync(join(import.meta.dirname, "../../src/store/migrations"))
  .filter((f) => f.endsWith(".sql"))
  .map((f) => f.slice(0, -4))
  .sort();

for (const backend of backends) {
  describe(`storage on ${backend.name}`, { skip: backend.skip }, () => {
    test("a new database gets every migration and the built-in categories", async () => {
      const store =
        backend.name === "pglite" ? await openStore({ kind: "pglite-memory" }) : await backend.open();
      try {
        assert.deepEqual(store.appliedMigrations, MIGRATIONS);
        assert.equal(store.created, true);
        const names = (await store.db.selectFrom("category").select("name_zh").execute()).map(
          (c) => c.name_zh,
        );
        for (const expected of [
          "省级政府",
          "重点城市",
          "国务院组成部门",
          "国务院其他部门",
          "直辖市",
          "省、自治区",
          "副省级城市",
          "省会城市",
          "地市",
          "区县",
          "国家级经济技术开发区",
          "国家级高新技术产业开发区",
        ]) {
          assert.ok(names.includes(expected), `missing built-in category ${expected}`);
        }
      } finally {
        await store.close();
      }
    });

    test("constraints reject what the registry must never hold", async () => {
      const store = await backend.open();
      try {
        const insert = (values: { id: string; division_code?: string }) =>
          store.db
            .insertInto("body")
            .values({
              name: "测试",
              level: "county",
              division_code: null,
              parent_id: null,
              short_name: null,
              ...values,
            })
            .execute();
        await insert({ id: "ok-1", division_code: "440303" });
        await assert.rejects(insert({ id: "Bad Id" }));
        await assert.rejects(insert({ id: "bad-code", division_code: "44030" }));
        await assert.rejects(insert({ id: "ok-1" }), "duplicate primary key");
        await assert.rejects(
          store.db
            .insertInto("body_category")
            .values({ body_id: "ok-1", category_code: "no-such" })
            .execute(),
        );
      } finally {
        await store.close();
      }
    });

    test("a failed transaction leaves nothing behind", async () => {
      const store = await backend.open();
      try {
        await assert.rejects(
          store.db.transaction().execute(async (trx) => {
            await trx
              .insertInto("body")
              .values({
                id: "t-1",
                name: "甲",
                level: "county",
                short_name: null,
                division_code: null,
                parent_id: null,
              })
              .execute();
            await sql`select 1/0`.execute(trx);
          }),
        );
        const n = await store.db
          .selectFrom("body")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        assert.equal(Number(n?.n), 0);
        // The connection is usable afterwards.
        assert.equal((await sql<{ x: number }>`select 2 as x`.execute(store.db)).rows[0]?.x, 2);
      } finally {
        await store.close();
      }
    });

    test("concurrent queries and transactions do not interleave", async () => {
      const store = await backend.open();
      try {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.db.transaction().execute(async (trx) => {
              await trx
                .insertInto("body")
                .values({
                  id: `c-${i}`,
                  name: `单位${i}`,
                  level: "county",
                  short_name: null,
                  division_code: null,
                  parent_id: null,
                })
                .execute();
              await trx
                .updateTable("body")
                .set({ short_name: `s${i}` })
                .where("id", "=", `c-${i}`)
                .execute();
            }),
          ),
        );
        const rows = await store.db.selectFrom("body").select(["id", "short_name"]).orderBy("id").execute();
        assert.equal(rows.length, 20);
        for (const r of rows) assert.equal(r.short_name, `s${r.id.slice(2)}`);
      } finally {
        await store.close();
      }
    });
  });
}

describe("embedded PGlite on disk", () => {
  test("keeps its data across reopen, applies no migration twice, and locks its folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "govscore-store-"));
    try {
      const first = await openStore({ kind: "pglite", dataDir: dir });
      assert.equal(first.created, true);
      await first.db
        .insertInto("body")
        .values({
          id: "p-1",
          name: "持久",
          level: "county",
          short_name: null,
          division_code: null,
          parent_id: null,
        })
        .execute();
      await assert.rejects(
        openStore({ kind: "pglite", dataDir: dir }),
        /already open in this process|in use/,
      );
      await first.close();

      const second = await openStore({ kind: "pglite", dataDir: dir });
      try {
        assert.deepEqual(second.appliedMigrations, []);
        assert.equal(second.created, false);
        const row = await second.db
          .selectFrom("body")
          .select("name")
          .where("id", "=", "p-1")
          .executeTakeFirst();
        assert.equal(row?.name, "持久");
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Postgres server", { skip: backends[1]?.skip }, () => {
  test("several processes opening one new database apply each migration exactly once", async () => {
    const database = await createServerDatabase();
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openStore({ kind: "postgres", url: database.url })),
      );
      const applied = stores.flatMap((s) => s.appliedMigrations);
      assert.deepEqual(applied.sort(), MIGRATIONS);
      const rows = await sql<{ name: string }>`select name from govscore_migration`.execute(
        (stores[0] as Store).db,
      );
      assert.deepEqual(rows.rows.map((r) => r.name).sort(), MIGRATIONS);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await database.drop();
    }
  });

  test("an unreachable server is a clear error, not a hang", async () => {
    await assert.rejects(
      openStore({ kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none" }),
      /ECONNREFUSED|connect/,
    );
  });
});

describe("configuration", () => {
  test("DATABASE_URL selects the server, otherwise GOVSCORE_DATA_DIR or ./.govscore", () => {
    assert.deepEqual(storeConfigFromEnv({ DATABASE_URL: "postgres://u:p@h/db" }, "/w"), {
      kind: "postgres",
      url: "postgres://u:p@h/db",
    });
    assert.deepEqual(storeConfigFromEnv({}, "/w"), { kind: "pglite", dataDir: "/w/.govscore" });
    assert.deepEqual(storeConfigFromEnv({ GOVSCORE_DATA_DIR: "data/x" }, "/w"), {
      kind: "pglite",
      dataDir: "/w/data/x",
    });
    assert.throws(
      () => storeConfigFromEnv({ DATABASE_URL: "mysql://u:secret@h/db" }, "/w"),
      (e: Error) => {
        assert.match(e.message, /postgres:\/\//);
        assert.doesNotMatch(e.message, /secret/);
        return true;
      },
    );
  });

  test("migration files split on breakpoints only", () => {
    const parts = splitStatements(
      "create table a (x int);\n--> statement-breakpoint\n-- only a comment\n--> statement-breakpoint\ninsert into a values (1);",
    );
    assert.deepEqual(parts, ["create table a (x int);", "insert into a values (1);"]);
  });
});
