import { CsvError, parse } from "csv-parse/sync";
import { restoreCell } from "../registry/csv-cells.ts";
import { decodeText } from "../registry/read-text.ts";
import { type InputProblem, problem } from "./input-error.ts";

export interface CsvRow {
  /** Line of the file where the record starts (the header is line 1). */
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/**
 * Reads a CSV (BOM, UTF-8 or GB18030) into rows that know their line. Structural errors become
 * problems naming the file and line; the caller checks the cells.
 */
export function readCsvTable(
  file: string,
  bytes: Uint8Array,
  required: readonly string[],
): { table?: CsvTable; problems: InputProblem[] } {
  const { text } = decodeText(bytes);
  let records: Array<{ record: string[]; info: { lines: number; raw: string } }>;
  try {
    records = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as never;
  } catch (error) {
    const line =
      error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 0) : null;
    const msg = error instanceof Error ? error.message : String(error);
    return { problems: [problem(file, line, null, `CSV 格式错误：${msg}`, `malformed CSV: ${msg}`)] };
  }
  const [head, ...body] = records;
  if (!head) return { problems: [problem(file, 1, null, "文件为空", "the file is empty")] };
  const header = head.record.map((h) => h.trim());
  const problems: InputProblem[] = [];
  for (const column of required) {
    if (!header.includes(column)) {
      problems.push(
        problem(
          file,
          1,
          column,
          `表头缺少必需的列「${column}」`,
          `the header lacks the required column "${column}"`,
        ),
      );
    }
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (h && seen.has(h)) problems.push(problem(file, 1, h, `列「${h}」重复`, `column "${h}" appears twice`));
    seen.add(h);
  }
  if (problems.length > 0) return { problems };
  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted cell may span lines and the raw text carries
    // the empty lines skipped before it.
    const own = info.raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
    const line = info.lines - (own.split(/\r\n|\n|\r/).length - 1);
    if (record.length > header.length) {
      problems.push(
        problem(
          file,
          line,
          null,
          `该行有 ${record.length} 个字段，表头只有 ${header.length} 个`,
          `the row has ${record.length} fields, the header ${header.length}`,
        ),
      );
      continue;
    }
    const cells: Record<string, string> = {};
    header.forEach((h, i) => {
      // A cell our exports neutralised against formula injection reads back as written.
      cells[h] = restoreCell((record[i] ?? "").trim());
    });
    rows.push({ line, cells });
  }
  return { table: { header, rows }, problems };
}
