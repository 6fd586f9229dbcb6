import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { REGISTRY_COLUMNS, type RegistryColumn } from "./registry-csv-columns.ts";

type Row = Partial<Record<RegistryColumn, string>>;

/**
 * Reads the registry back as CSV rows in the import format: each body followed by its websites
 * and apps; bodies ordered by their first category, then division code, then id, so that an
 * export is stable and diffs well.
 */
export async function exportRegistryRows(db: Kysely<Database>): Promise<Row[]> {
  const [bodies, bodyCats, websites, apps, appCats, categories] = await Promise.all([
    db.selectFrom("body").selectAll().execute(),
    db.selectFrom("body_category").selectAll().execute(),
    db.selectFrom("website").selectAll().orderBy("url").execute(),
    db.selectFrom("app").selectAll().orderBy("name").execute(),
    db.selectFrom("app_category").selectAll().execute(),
    db.selectFrom("category").select(["code", "name_zh", "sort_order"]).execute(),
  ]);
  const category = new Map(categories.map((c) => [c.code, c]));
  const catOrder = (code: string) => category.get(code)?.sort_order ?? Number.MAX_SAFE_INTEGER;
  const names = (codes: string[]) =>
    codes
      .sort((a, b) => catOrder(a) - catOrder(b) || a.localeCompare(b))
      .map((c) => category.get(c)?.name_zh ?? c)
      .join(";");
  const catsOf = groupBy(
    bodyCats,
    (l) => l.body_id,
    (l) => l.category_code,
  );
  const appCatsOf = groupBy(
    appCats,
    (l) => String(l.app_id),
    (l) => l.category_code,
  );
  const sitesOf = groupBy(
    websites,
    (w) => w.body_id,
    (w) => w,
  );
  const appsOf = groupBy(
    apps,
    (a) => a.body_id,
    (a) => a,
  );

  const firstCat = (id: string) => Math.min(...(catsOf.get(id) ?? []).map(catOrder), Number.MAX_SAFE_INTEGER);
  const sorted = [...bodies].sort(
    (a, b) =>
      firstCat(a.id) - firstCat(b.id) ||
      (a.division_code ?? "~").localeCompare(b.division_code ?? "~") ||
      a.id.localeCompare(b.id),
  );

  const rows: Row[] = [];
  for (const b of sorted) {
    rows.push({
      kind: "body",
      body_id: b.id,
      name: b.name,
      short_name: b.short_name ?? "",
      categories: names(catsOf.get(b.id) ?? []),
      level: b.level,
      division_code: b.division_code ?? "",
      parent_id: b.parent_id ?? "",
    });
    for (const w of sitesOf.get(b.id) ?? []) {
      rows.push({
        kind: "website",
        body_id: b.id,
        name: w.name ?? "",
        url: w.url,
        site_id_code: w.site_id_code ?? "",
        role: w.role,
      });
    }
    for (const a of appsOf.get(b.id) ?? []) {
      rows.push({
        kind: "app",
        body_id: b.id,
        name: a.name,
        categories: names(appCatsOf.get(String(a.id)) ?? []),
        platforms: a.platforms.join(";"),
      });
    }
  }
  return rows;
}

export function registryRowsToRecords(rows: Row[]): string[][] {
  return [[...REGISTRY_COLUMNS], ...rows.map((r) => REGISTRY_COLUMNS.map((c) => r[c] ?? ""))];
}

function groupBy<T, V>(items: readonly T[], key: (t: T) => string, value: (t: T) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(value(item));
    else map.set(k, [value(item)]);
  }
  return map;
}
