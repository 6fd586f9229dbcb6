import { readCsvTable } from "./csv-table.ts";
import { problem, ReleaseInputError } from "./input-error.ts";
import type { EvidenceLink, PracticeCase } from "./types.ts";

/** Practice cases: one row per case (title, body that sent it, optional kind). */
export function parseCasesCsv(file: string, bytes: Uint8Array): PracticeCase[] {
  const { table, problems } = readCsvTable(file, bytes, ["title", "body"]);
  if (!table) throw new ReleaseInputError(problems);
  const out: PracticeCase[] = [];
  for (const { line, cells } of table.rows) {
    for (const c of ["title", "body"])
      if (!cells[c]) problems.push(problem(file, line, c, "不能为空", "must not be empty"));
    out.push({ title: cells.title ?? "", body: cells.body ?? "", kind: cells.kind || undefined });
  }
  if (problems.length > 0) throw new ReleaseInputError(problems);
  return out;
}

/** Evidence links for the site: body, title, url (http or https only: it becomes a link). */
export function parseEvidenceCsv(file: string, bytes: Uint8Array): EvidenceLink[] {
  const { table, problems } = readCsvTable(file, bytes, ["body", "title", "url"]);
  if (!table) throw new ReleaseInputError(problems);
  const out: EvidenceLink[] = [];
  for (const { line, cells } of table.rows) {
    for (const c of ["body", "title", "url"]) {
      if (!cells[c]) problems.push(problem(file, line, c, "不能为空", "must not be empty"));
    }
    const url = cells.url ?? "";
    if (url && !/^https?:\/\/[^\s]+$/i.test(url)) {
      problems.push(
        problem(file, line, "url", `「${url}」不是 http(s) 地址`, `"${url}" is not an http(s) address`),
      );
    }
    out.push({ body: cells.body ?? "", title: cells.title ?? "", url });
  }
  if (problems.length > 0) throw new ReleaseInputError(problems);
  return out;
}
