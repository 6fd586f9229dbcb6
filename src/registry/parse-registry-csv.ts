import { CsvError, parse } from "csv-parse/sync";
import { bi } from "../i18n/bilingual.ts";
import { restoreCell } from "./csv-cells.ts";
import { decodeText, type TextEncodingName } from "./read-text.ts";
import { REGISTRY_COLUMNS, type RegistryColumn } from "./registry-csv-columns.ts";
import type { Problem, RawRow } from "./validate-registry.ts";

export interface ParsedCsv {
  rows: RawRow[];
  problems: Problem[];
  encoding: TextEncodingName;
}

const REQUIRED: readonly RegistryColumn[] = ["kind", "body_id", "name"];

/** Decodes and splits a registry CSV into rows that know their line; structure errors become problems. */
export function parseRegistryCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeText(bytes);
  const problems: Problem[] = [];
  let records: Array<{ record: string[]; info: { lines: number; raw: string } }>;
  try {
    records = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number; raw: string } }>;
  } catch (error) {
    const line = error instanceof CsvError ? Number((error as CsvError & { lines?: number }).lines ?? 0) : 0;
    problems.push({
      line,
      column: null,
      severity: "error",
      message: bi(
        `CSV 格式错误：${error instanceof Error ? error.message : String(error)}`,
        `malformed CSV: ${error instanceof Error ? error.message : String(error)}`,
      ),
    });
    return { rows: [], problems, encoding };
  }

  const [headerRecord, ...body] = records;
  if (!headerRecord) {
    problems.push({ line: 1, column: null, severity: "error", message: bi("文件为空", "the file is empty") });
    return { rows: [], problems, encoding };
  }
  const header = headerRecord.record.map((h) => h.trim());
  const position = new Map<RegistryColumn, number>();
  header.forEach((name, i) => {
    if ((REGISTRY_COLUMNS as readonly string[]).includes(name)) position.set(name as RegistryColumn, i);
    else if (name) {
      problems.push({
        line: 1,
        column: null,
        severity: "warning",
        message: bi(`未知的列「${name}」将被忽略`, `unknown column "${name}" is ignored`),
      });
    }
  });
  for (const column of REQUIRED) {
    if (!position.has(column)) {
      problems.push({
        line: 1,
        column,
        severity: "error",
        message: bi(`表头缺少必需的列「${column}」`, `the header lacks the required column "${column}"`),
      });
    }
  }
  if (problems.some((p) => p.severity === "error")) return { rows: [], problems, encoding };

  const rows: RawRow[] = [];
  for (const { record, info } of body) {
    // info.lines is the line where the record ends; a quoted cell may span several lines.
    // Its raw text also carries the empty lines skipped before it.
    const own = info.raw.replace(/^(\r?\n)+/, "").replace(/\r?\n$/, "");
    const newlines = own.split(/\r\n|\n|\r/).length - 1;
    const line = info.lines - newlines;
    if (record.length > header.length) {
      problems.push({
        line,
        column: null,
        severity: "error",
        message: bi(
          `该行有 ${record.length} 个字段，多于表头的 ${header.length} 列`,
          `the row has ${record.length} fields, more than the ${header.length} header columns`,
        ),
      });
      continue;
    }
    const cells: RawRow["cells"] = {};
    // A cell our export neutralised against formula injection reads back as written.
    for (const [column, i] of position) cells[column] = restoreCell(record[i] ?? "");
    rows.push({ line, cells });
  }
  return { rows, problems, encoding };
}
