import { parse } from "csv-parse/sync";
import { type Bilingual, bi } from "../i18n/bilingual.ts";
import { suggestion } from "../i18n/suggest.ts";
import type { FitInput } from "./fit.ts";
import type { FrameworkOutline } from "./leaves.ts";

/** A dimension of the framework (a child of its root) and the points it declares. */
export interface FitDimension {
  code: string;
  name: { zh: string; en: string };
  declared: number | null;
}

/** A problem of the table, with where it is (line as an editor shows it, column by header). */
export interface TableProblem {
  line: number;
  column?: string;
  message: Bilingual;
}

export class FitTableError extends Error {
  constructor(
    readonly file: string,
    readonly problems: TableProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `line ${p.line}: ${p.message.en}`).join("; ")}`);
    this.name = "FitTableError";
  }
}

export const TOTAL_NAMES = ["total", "总分", "总得分", "综合得分", "得分"];
export const UNIT_NAMES = ["unit", "name", "单位", "名称", "单位名称", "部门", "部门名称", "地区"];

/** The dimensions a framework's table may hold: its root's children. */
export function fitDimensions(outline: FrameworkOutline): FitDimension[] {
  return outline.nodes
    .filter((n) => n.parent === outline.root)
    .map((n) => ({ code: n.code, name: n.name, declared: n.points }));
}

/**
 * Reads a published table: one column naming the unit, one the total, and a column per dimension
 * (headed by its code, Chinese or English name). A column that is none of these is refused with
 * the dimension it most likely meant; so is a cell that is not a number. Dimensions the table
 * lacks are left out of the fit (listed by the caller).
 */
export function readFitTable(
  text: string,
  file: string,
  dims: readonly FitDimension[],
  o: { scale: number; total?: string; unit?: string },
): { input: FitInput; used: FitDimension[]; missing: FitDimension[] } {
  const records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  const header = (records[0] ?? []).map((h) => h.trim());
  const problems: TableProblem[] = [];
  const pick = (names: readonly string[], given: string | undefined, what: Bilingual) => {
    const want = given ? [given] : names;
    const at = header.findIndex((h) => want.includes(h));
    if (at < 0)
      problems.push({
        line: 1,
        message: bi(`缺少${what.zh}列（${want.join("、")}）`, `no ${what.en} column (${want.join(", ")})`),
      });
    return at;
  };
  const unitAt = pick(UNIT_NAMES, o.unit, bi("单位", "unit"));
  const totalAt = pick(TOTAL_NAMES, o.total, bi("总分", "total"));
  const byName = new Map<string, FitDimension>();
  for (const d of dims) for (const n of [d.code, d.name.zh, d.name.en]) byName.set(n, d);
  const columns: { at: number; dim: FitDimension }[] = [];
  header.forEach((h, at) => {
    if (at === unitAt || at === totalAt) return;
    const dim = byName.get(h);
    if (!dim) {
      const near = suggestion(h, [...byName.keys()]);
      problems.push({
        line: 1,
        column: h,
        message: near
          ? bi(`未知的列“${h}”：是否应为“${near}”？`, `unknown column "${h}": did you mean "${near}"?`)
          : bi(
              `未知的列“${h}”：不是框架的维度（${dims.map((d) => d.name.zh).join("、")}）`,
              `unknown column "${h}": not a dimension of the framework (${dims.map((d) => d.code).join(", ")})`,
            ),
      });
      return;
    }
    if (columns.some((c) => c.dim === dim))
      problems.push({
        line: 1,
        column: h,
        message: bi(`维度 ${dim.name.zh} 出现了两列`, `dimension ${dim.code} has two columns`),
      });
    else columns.push({ at, dim });
  });
  if (problems.length > 0) throw new FitTableError(file, problems);

  const number = (cell: string | undefined, line: number, column: string): number => {
    const v = Number((cell ?? "").trim());
    if ((cell ?? "").trim() === "" || !Number.isFinite(v)) {
      problems.push({
        line,
        column,
        message: bi(`“${cell ?? ""}”不是数值`, `"${cell ?? ""}" is not a number`),
      });
      return Number.NaN;
    }
    return v;
  };
  const rows = records.slice(1).map((r, i) => {
    const line = i + 2;
    return {
      unit: (r[unitAt] ?? "").trim(),
      total: number(r[totalAt], line, header[totalAt] as string),
      scores: columns.map((c) => number(r[c.at], line, header[c.at] as string)),
    };
  });
  if (rows.length === 0) problems.push({ line: 2, message: bi("表中没有数据行", "the table has no rows") });
  if (problems.length > 0) throw new FitTableError(file, problems);
  const used = columns.map((c) => c.dim);
  return {
    input: { dimensions: used.map((d) => d.code), rows, scale: o.scale },
    used,
    missing: dims.filter((d) => !used.includes(d)),
  };
}
