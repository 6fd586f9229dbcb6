import { parse } from "csv-parse/sync";
import type { AggregateMeta, IndicatorMeta, Structure, Table } from "./types.ts";

const MISSING = new Set(["", "NA", "NaN", "N/A", "-"]);

/**
 * Reads a units × indicators CSV (one row per unit, as COINr's iData): the id column, then
 * numeric columns (indicators, denominators) and text columns (groups). A column is a group if
 * any non-missing cell is not a number, or if the metadata says so.
 */
export function tableFromCsv(text: string, idColumn = "uCode", groupCodes: readonly string[] = []): Table {
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const header = rows.length > 0 ? Object.keys(rows[0] as object) : [];
  if (!header.includes(idColumn)) {
    throw new Error(`数据文件缺少编号列 ${idColumn} (the data file has no ${idColumn} column)`);
  }
  const units = rows.map((r) => r[idColumn] ?? "");
  const seen = new Set<string>();
  for (const [i, u] of units.entries()) {
    if (!u) throw new Error(`第 ${i + 2} 行编号为空 (row ${i + 2}: empty ${idColumn})`);
    if (seen.has(u)) throw new Error(`编号 ${u} 重复 (duplicate unit id ${u})`);
    seen.add(u);
  }
  const columns = new Map<string, Float64Array>();
  const groups = new Map<string, string[]>();
  for (const col of header) {
    if (col === idColumn) continue;
    const cells = rows.map((r) => (r[col] ?? "").trim());
    const numeric =
      !groupCodes.includes(col) && cells.every((c) => MISSING.has(c) || Number.isFinite(Number(c)));
    if (numeric)
      columns.set(
        col,
        Float64Array.from(cells, (c) => (MISSING.has(c) ? Number.NaN : Number(c))),
      );
    else groups.set(col, cells);
  }
  return { units, columns, groups };
}

/** Reads COINr-style metadata (iMeta): Level, iCode, Direction, Weight, Target, Denominator, Parent, Type. */
export function structureFromMetaCsv(text: string): { structure: Structure; groupCodes: string[] } {
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  const indicators: IndicatorMeta[] = [];
  const aggregates: AggregateMeta[] = [];
  const groupCodes: string[] = [];
  const opt = (v: string | undefined) => (v === undefined || MISSING.has(v.trim()) ? undefined : v.trim());
  for (const [i, r] of rows.entries()) {
    const code = opt(r.iCode);
    const type = opt(r.Type);
    if (!code) throw new Error(`元数据第 ${i + 2} 行缺少 iCode (meta row ${i + 2}: no iCode)`);
    const weight = Number(opt(r.Weight) ?? 1);
    if (type === "Indicator") {
      const dir = Number(opt(r.Direction) ?? 1);
      const parent = opt(r.Parent);
      if (!parent) throw new Error(`元数据 ${code} 缺少 Parent (meta ${code}: no Parent)`);
      const target = opt(r.Target);
      indicators.push({
        code,
        direction: dir < 0 ? -1 : 1,
        weight,
        parent,
        denominator: opt(r.Denominator),
        target: target === undefined ? undefined : Number(target),
      });
    } else if (type === "Aggregate") {
      aggregates.push({ code, weight, parent: opt(r.Parent) });
    } else if (type === "Group") {
      groupCodes.push(code);
    }
  }
  return { structure: { indicators, aggregates }, groupCodes };
}
