import { type Options, stringify } from "csv-stringify/sync";

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that begins with `=`, `+`, `-`,
 * `@`, a tab or a carriage return may be run as a formula when the file is opened in a
 * spreadsheet program (`=HYPERLINK(…)`, `-2+3+cmd|…`). Every CSV govscore writes goes through
 * `writeCsv`, which prefixes such text cells with `'`, the apostrophe spreadsheets read as "this is
 * text".
 *
 * Numbers and text are told apart by their type, not their look: a cell the writer is given as a
 * JavaScript number (a score, a rank, a dimension's value, `-3`) is a number and is written as it
 * is; every string is text (a name, a code, a URL), whatever its characters, and is neutralised
 * when it begins with one of the trigger characters. A string `"-3"` is therefore written `'-3`.
 *
 * So that our own files still round-trip, a text cell that already begins with apostrophes
 * followed by a trigger character gets one more, and `restoreCell` (applied by the readers of the
 * formats govscore writes: the registry and the scores file) removes exactly one: writing then
 * reading gives back the original text.
 */
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

export type CsvCell = string | number | null | undefined;

/** A text cell made safe to open in a spreadsheet; numbers and empty cells as they are. */
export function neutraliseCell(cell: CsvCell): string | number {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return cell;
  return NEEDS_QUOTE.test(cell) ? `'${cell}` : cell;
}

/** The text a neutralised cell stood for (inverse of `neutraliseCell` on text). */
export function restoreCell(cell: string): string {
  return QUOTED.test(cell) ? cell.slice(1) : cell;
}

/** Records as CSV text, every text cell neutralised. */
export function writeCsv(records: readonly (readonly CsvCell[])[], options: Options = {}): string {
  return stringify(
    records.map((r) => r.map(neutraliseCell)),
    options,
  );
}
