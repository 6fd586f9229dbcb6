import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/**
 * The official order of the State Council departments (data/state-council-departments.csv, with
 * its sources in data/README.md), keyed by every name a scores file may use for a department.
 */
let cache: Map<string, number> | undefined;

export function officialDepartmentOrder(): ReadonlyMap<string, number> {
  if (cache) return cache;
  const text = readFileSync(new URL("./data/state-council-departments.csv", import.meta.url), "utf8");
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const map = new Map<string, number>();
  for (const row of rows) {
    const order = Number(row.order);
    const names = [row.name, row.short_name, ...(row.aliases ?? "").split(";")];
    for (const n of names) {
      const name = n?.trim();
      if (name) map.set(name, order);
    }
  }
  cache = map;
  return map;
}
