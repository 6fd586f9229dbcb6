import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../store/schema.ts";
import type {
  AppRecord,
  BodyRecord,
  CategoryRef,
  RegistryRecord,
  WebsiteRecord,
} from "./validate-registry.ts";

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface WriteSummary {
  bodies: WriteCounts;
  websites: WriteCounts;
  apps: WriteCounts;
  /** Category links added or removed (bodies and apps). */
  categoryLinks: number;
}

export async function loadCategories(db: Kysely<Database>): Promise<CategoryRef[]> {
  return db
    .selectFrom("category")
    .select(["code", "name_zh", "name_en", "applies_to"])
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
}

export async function loadBodyIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom("body").select("id").execute();
  return new Set(rows.map((r) => r.id));
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function tally(rows: ReadonlyArray<{ inserted: boolean }>, total: number): WriteCounts {
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted, unchanged: total - rows.length };
}

/**
 * Writes validated records in one transaction. Rows are upserted on their stable keys (body id,
 * website URL, app body and name) and a row is only touched when a value differs, so importing
 * the same file again changes nothing, not even `updated_at`.
 */
export async function writeRegistry(
  db: Kysely<Database>,
  records: readonly RegistryRecord[],
  onProgress: (written: number, total: number) => void = () => {},
): Promise<WriteSummary> {
  let done = 0;
  const advance = (n: number) => {
    done += n;
    onProgress(done, records.length);
  };
  const bodies = records.filter((r): r is BodyRecord => r.kind === "body");
  const websites = records.filter((r): r is WebsiteRecord => r.kind === "website");
  const apps = records.filter((r): r is AppRecord => r.kind === "app");
  return db.transaction().execute(async (trx) => {
    const bodyRows: Array<{ inserted: boolean }> = [];
    for (const part of chunks(bodies)) {
      bodyRows.push(
        ...(await trx
          .insertInto("body")
          .values(
            part.map((b) => ({
              id: b.id,
              name: b.name,
              short_name: b.shortName,
              level: b.level,
              division_code: b.divisionCode,
              parent_id: b.parentId,
            })),
          )
          .onConflict((oc) =>
            oc
              .column("id")
              .doUpdateSet({
                name: (eb) => eb.ref("excluded.name"),
                short_name: (eb) => eb.ref("excluded.short_name"),
                level: (eb) => eb.ref("excluded.level"),
                division_code: (eb) => eb.ref("excluded.division_code"),
                parent_id: (eb) => eb.ref("excluded.parent_id"),
                updated_at: sql`now()`,
              })
              .where(
                sql<boolean>`(body.name, body.short_name, body.level, body.division_code, body.parent_id)
                  is distinct from (excluded.name, excluded.short_name, excluded.level, excluded.division_code, excluded.parent_id)`,
              ),
          )
          .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
          .execute()),
      );
      advance(part.length);
    }
    let categoryLinks = await syncLinks(
      trx,
      "body_category",
      "body_id",
      bodies.map((b) => ({ owner: b.id, codes: b.categories })),
    );

    const websiteRows: Array<{ inserted: boolean }> = [];
    for (const part of chunks(websites)) {
      websiteRows.push(
        ...(await trx
          .insertInto("website")
          .values(
            part.map((w) => ({
              body_id: w.bodyId,
              url: w.url,
              name: w.name,
              site_id_code: w.siteIdCode,
              role: w.role,
            })),
          )
          .onConflict((oc) =>
            oc
              .column("url")
              .doUpdateSet({
                body_id: (eb) => eb.ref("excluded.body_id"),
                name: (eb) => eb.ref("excluded.name"),
                site_id_code: (eb) => eb.ref("excluded.site_id_code"),
                role: (eb) => eb.ref("excluded.role"),
                updated_at: sql`now()`,
              })
              .where(
                sql<boolean>`(website.body_id, website.name, website.site_id_code, website.role)
                  is distinct from (excluded.body_id, excluded.name, excluded.site_id_code, excluded.role)`,
              ),
          )
          .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
          .execute()),
      );
      advance(part.length);
    }

    const appRows: Array<{ inserted: boolean }> = [];
    for (const part of chunks(apps)) {
      appRows.push(
        ...(await trx
          .insertInto("app")
          .values(part.map((a) => ({ body_id: a.bodyId, name: a.name, platforms: a.platforms })))
          .onConflict((oc) =>
            oc
              .columns(["body_id", "name"])
              .doUpdateSet({ platforms: (eb) => eb.ref("excluded.platforms"), updated_at: sql`now()` })
              .where(sql<boolean>`app.platforms is distinct from excluded.platforms`),
          )
          .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
          .execute()),
      );
      advance(part.length);
    }
    if (apps.length > 0) {
      const ids = await trx
        .selectFrom("app")
        .select(["id", "body_id", "name"])
        .where(
          "body_id",
          "in",
          apps.map((a) => a.bodyId),
        )
        .execute();
      const idOf = new Map(ids.map((r) => [`${r.body_id}\u0000${r.name}`, r.id]));
      categoryLinks += await syncLinks(
        trx,
        "app_category",
        "app_id",
        apps.map((a) => ({ owner: idOf.get(`${a.bodyId}\u0000${a.name}`) as number, codes: a.categories })),
      );
    }

    return {
      bodies: tally(bodyRows, bodies.length),
      websites: tally(websiteRows, websites.length),
      apps: tally(appRows, apps.length),
      categoryLinks,
    };
  });
}

/** Makes each owner's category set equal to the given one; returns links added plus removed. */
async function syncLinks(
  trx: Transaction<Database>,
  table: "body_category" | "app_category",
  ownerColumn: "body_id" | "app_id",
  wanted: ReadonlyArray<{ owner: string | number; codes: readonly string[] }>,
): Promise<number> {
  if (wanted.length === 0) return 0;
  // The table and column names are constants of this module, never input.
  const tbl = sql.table(table);
  const col = sql.ref(ownerColumn);
  const owners = wanted.map((w) => w.owner);
  const key = (owner: string | number, code: string) => `${owner}\u0000${code}`;
  const current = await sql<{ owner: string | number; category_code: string }>`
    select ${col} as owner, category_code from ${tbl} where ${col} = any(${owners})`.execute(trx);
  const have = new Map(current.rows.map((r) => [key(r.owner, r.category_code), r]));
  const want = new Map(
    wanted.flatMap((w) => w.codes.map((c) => [key(w.owner, c), { owner: w.owner, category_code: c }])),
  );
  const add = [...want].filter(([k]) => !have.has(k)).map(([, link]) => link);
  const remove = [...have].filter(([k]) => !want.has(k)).map(([, link]) => link);
  for (const part of chunks(add)) {
    const values = sql.join(part.map((l) => sql`(${l.owner}, ${l.category_code})`));
    await sql`insert into ${tbl} (${col}, category_code) values ${values}`.execute(trx);
  }
  for (const link of remove) {
    await sql`delete from ${tbl} where ${col} = ${link.owner} and category_code = ${link.category_code}`.execute(
      trx,
    );
  }
  const changes = add.length + remove.length;
  return changes;
}
