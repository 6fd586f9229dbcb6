import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

/** Repository root, resolved from this file so the working directory does not matter. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SHARED = fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const ASEM = `${SHARED}coinr-asem/`;

/** Reason to skip when the shared reference data is not beside the checkout. */
export function absent(path: string): string | undefined {
  return existsSync(path) ? undefined : `shared reference data absent: ${path}`;
}

export function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
}

export function relErr(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
