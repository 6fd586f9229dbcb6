import type { ReleaseInput } from "../types.ts";
import { resultsCsv, resultsJson, resultsXlsx } from "./data-files.ts";

/** The machine-readable exports: CSV (the scores format with ranks), JSON and XLSX. */
export async function dataFilesOf(input: ReleaseInput): Promise<[string, string | Uint8Array][]> {
  return [
    ["results.csv", resultsCsv(input)],
    ["results.json", resultsJson(input)],
    ["results.xlsx", await resultsXlsx(input)],
  ];
}
