import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { parseRegistryCsv } from "./parse-registry-csv.ts";
import type { TextEncodingName } from "./read-text.ts";
import { loadBodyIds, loadCategories, type WriteSummary, writeRegistry } from "./registry-store.ts";
import { type Problem, validateRegistryRows } from "./validate-registry.ts";

export interface ImportResult {
  file: string;
  encoding: TextEncodingName;
  rows: number;
  problems: Problem[];
  /** Present when the file was valid and written (or would be, with dryRun). */
  written?: WriteSummary;
  dryRun: boolean;
}

export interface ImportOptions {
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** Called as rows are written, for a progress bar. */
  onProgress?: (written: number, total: number) => void;
}

/**
 * Validates every row of a registry CSV before anything is written; writes all rows in one
 * transaction only when no row has an error.
 */
export async function importRegistryCsv(
  db: Kysely<Database>,
  file: string,
  bytes: Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const parsed = parseRegistryCsv(bytes);
  const base = { file, encoding: parsed.encoding, rows: parsed.rows.length, dryRun: opts.dryRun ?? false };
  if (parsed.problems.some((p) => p.severity === "error")) return { ...base, problems: parsed.problems };

  const [categories, existingBodyIds] = await Promise.all([loadCategories(db), loadBodyIds(db)]);
  const validation = validateRegistryRows(parsed.rows, { categories, existingBodyIds });
  const problems = [...parsed.problems, ...validation.problems];
  if (!validation.ok || opts.dryRun) return { ...base, problems };

  const written = await writeRegistry(db, validation.records, opts.onProgress);
  const changed =
    written.bodies.inserted +
    written.bodies.updated +
    written.websites.inserted +
    written.websites.updated +
    written.apps.inserted +
    written.apps.updated +
    written.categoryLinks;
  // Only an import that changed something is logged: importing the same file again leaves the
  // database exactly as it was.
  if (changed > 0) {
    await db
      .insertInto("registry_import")
      .values({
        file_name: file,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        encoding: parsed.encoding,
        rows_read: parsed.rows.length,
        bodies_written: written.bodies.inserted + written.bodies.updated,
        websites_written: written.websites.inserted + written.websites.updated,
        apps_written: written.apps.inserted + written.apps.updated,
      })
      .execute();
  }
  return { ...base, problems, written };
}
