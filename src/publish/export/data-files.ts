import ExcelJS from "exceljs";
import { writeCsv } from "../../registry/csv-cells.ts";
import { releaseJson } from "../release-json.ts";
import type { ReleaseEntry, ReleaseInput } from "../types.ts";

export interface FlatRow {
  readonly evaluation: string;
  readonly evaluationEn?: string | undefined;
  readonly category: string;
  readonly categoryEn?: string | undefined;
  readonly entry: ReleaseEntry;
}

export function flatRows(input: ReleaseInput): FlatRow[] {
  return input.evaluations.flatMap((e) =>
    e.categories.flatMap((c) =>
      c.entries.map((entry) => ({
        evaluation: e.name,
        evaluationEn: e.nameEn,
        category: c.name,
        categoryEn: c.nameEn,
        entry,
      })),
    ),
  );
}

/**
 * The results in the scores-file format (with computed ranks), so a release can be re-run from it.
 * The English names (`evaluation_en`, `category_en`, `body_en`) are columns whenever the data has
 * any, each beside its Chinese one. Text cells are neutralised against formula injection
 * (`writeCsv`); scores, ranks and dimensions are numbers and are written as they are.
 */
export function resultsCsv(input: ReleaseInput): string {
  const rows = flatRows(input);
  const hasEvaluationEn = rows.some((r) => r.evaluationEn);
  const hasCategoryEn = rows.some((r) => r.categoryEn);
  const hasBodyEn = rows.some((r) => r.entry.bodyEn);
  const records = [
    [
      "evaluation",
      ...(hasEvaluationEn ? ["evaluation_en"] : []),
      "category",
      ...(hasCategoryEn ? ["category_en"] : []),
      "body",
      ...(hasBodyEn ? ["body_en"] : []),
      "division_code",
      "score",
      "rank",
      "tier",
      ...input.dimensions,
    ],
    ...rows.map(({ evaluation, evaluationEn, category, categoryEn, entry }) => [
      evaluation,
      ...(hasEvaluationEn ? [evaluationEn ?? ""] : []),
      category,
      ...(hasCategoryEn ? [categoryEn ?? ""] : []),
      entry.body,
      ...(hasBodyEn ? [entry.bodyEn ?? ""] : []),
      entry.divisionCode ?? "",
      entry.score ?? "",
      entry.rank ?? "",
      entry.tier ?? "",
      ...input.dimensions.map((d) => entry.dimensions[d] ?? ""),
    ]),
  ];
  // A BOM so that spreadsheet programs on Chinese Windows open the file as UTF-8.
  return `\uFEFF${writeCsv(records, { record_delimiter: "unix" })}`;
}

export function resultsJson(input: ReleaseInput): string {
  return releaseJson(input);
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "sheet";
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(candidate);
  return candidate;
}

/** One sheet per category: body, code, score, rank, tier and a column per dimension. */
export async function resultsXlsx(input: ReleaseInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "govscore";
  // A fixed date keeps the file the same for the same input.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const used = new Set<string>();
  for (const e of input.evaluations) {
    // The dimensions of this evaluation: a release of several evaluations has several sets.
    const dims = input.dimensions.filter((d) =>
      e.categories.some((c) => c.entries.some((x) => x.dimensions[d] !== undefined)),
    );
    for (const c of e.categories) {
      const title = input.evaluations.length > 1 ? `${c.name}（${e.name}）` : c.name;
      const ws = wb.addWorksheet(sheetName(c.name, used), {
        properties: {},
        views: [{ state: "frozen", ySplit: 2 }],
      });
      ws.addRow([title]).font = { bold: true };
      const header = ws.addRow(["单位 body", "代码 code", "得分 score", "名次 rank", "档级 tier", ...dims]);
      header.font = { bold: true };
      const sorted = [...c.entries].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
      for (const x of sorted) {
        ws.addRow([
          x.body,
          x.divisionCode ?? null,
          x.score ?? null,
          x.rank ?? null,
          x.tier ? `${x.tier}${e.tierSuffix}` : null,
          ...dims.map((d) => x.dimensions[d] ?? null),
        ]);
      }
      ws.columns.forEach((col, i) => {
        col.width = i === 0 ? 28 : 12;
      });
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
