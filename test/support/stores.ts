import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openPGlite, openStore, type Store } from "../../src/store/open.ts";

/**
 * The storage backends every storage test runs against: embedded PGlite always, and a real
 * Postgres server when GOVSCORE_TEST_DATABASE_URL names one (.ci/run starts it; locally use
 * `eval "$(scripts/postgres-for-tests.sh)"`). In CI a missing server is a failure, not a skip.
 */
export interface Backend {
  name: "pglite" | "postgres";
  /** Why this backend cannot run here, or undefined when it can. */
  skip: string | undefined;
  /** Opens a fresh, empty, migrated database of this kind. */
  open(): Promise<Store>;
}

const SERVER_URL = process.env.GOVSCORE_TEST_DATABASE_URL;

if (!SERVER_URL && process.env.CI) {
  throw new Error(
    "CI must run the storage tests on a Postgres server: GOVSCORE_TEST_DATABASE_URL is not set",
  );
}

/** Creates an empty database on the test server and returns its URL and a function that drops it. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!SERVER_URL) throw new Error("GOVSCORE_TEST_DATABASE_URL is not set");
  const name = `govscore_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

let template: Promise<PGlite> | undefined;

/**
 * A migrated in-memory PGlite made once per test process; each test gets a clone of it, which
 * takes a fraction of a fresh start (see stack.md: 2 s to start in memory).
 */
async function migratedTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const pglite = await PGlite.create();
    const store = await openPGlite(pglite, { kind: "pglite-memory" });
    // Closing the store would close the instance; the migration is all we needed from it.
    void store;
    return pglite;
  })();
  return template;
}

export const backends: Backend[] = [
  {
    name: "pglite",
    skip: undefined,
    async open() {
      const clone = (await (await migratedTemplate()).clone()) as PGlite;
      return openPGlite(clone, { kind: "pglite-memory" });
    },
  },
  {
    name: "postgres",
    skip: SERVER_URL
      ? undefined
      : "no Postgres server: set GOVSCORE_TEST_DATABASE_URL (scripts/postgres-for-tests.sh)",
    async open() {
      const database = await createServerDatabase();
      const store = await openStore({ kind: "postgres", url: database.url });
      return {
        ...store,
        async close() {
          await store.close();
          await database.drop();
        },
      };
    },
  },
];
