import type { Columns, IndicatorMeta, Table } from "./types.ts";

/** Divides each indicator by its denominator column where the metadata names one. */
export function denominate(table: Table, indicators: readonly IndicatorMeta[]): Columns {
  const out: Columns = new Map();
  for (const ind of indicators) {
    const x = column(table, ind.code);
    if (!ind.denominator) {
      out.set(ind.code, Float64Array.from(x));
      continue;
    }
    const d = column(table, ind.denominator);
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = (x[i] as number) / (d[i] as number);
    out.set(ind.code, y);
  }
  return out;
}

export function column(table: Table, code: string): Float64Array {
  const c = table.columns.get(code);
  if (!c) throw new Error(`数据中没有列 ${code} (no column ${code} in the data)`);
  return c;
}
