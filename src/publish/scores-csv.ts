import { readCsvTable } from "./csv-table.ts";
import { type InputProblem, problem, ReleaseInputError } from "./input-error.ts";

/** Columns with a meaning; every other column is a numeric dimension score. */
export const SCORE_COLUMNS = [
  "evaluation",
  "evaluation_en",
  "category",
  "category_en",
  "body",
  "body_en",
  "division_code",
  "order",
  "score",
  "rank",
  "tier",
] as const;
const REQUIRED = ["evaluation", "category", "body"] as const;

export interface ScoreRow {
  readonly line: number;
  readonly evaluation: string;
  readonly evaluationEn?: string | undefined;
  readonly category: string;
  readonly categoryEn?: string | undefined;
  readonly body: string;
  readonly bodyEn?: string | undefined;
  /** The evaluated unit, when the rows come from the database (`body:ID`, `app:ID`). */
  readonly unit?: string | undefined;
  readonly divisionCode?: string | undefined;
  readonly order?: number | undefined;
  readonly score?: number | undefined;
  readonly rank?: number | undefined;
  /** Tier without its 档/级 suffix. */
  readonly tier?: string | undefined;
  readonly tierSuffix?: "档" | "级" | undefined;
  readonly dimensions: Readonly<Record<string, number | undefined>>;
}

export interface ScoresFile {
  readonly file: string;
  readonly rows: readonly ScoreRow[];
  readonly dimensions: readonly string[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const CODE = /^(\d{6}|bm\d{2})$/;

/**
 * Reads a scores file. Every problem (file, line, column) is collected and thrown together as a
 * ReleaseInputError, so a bad file is reported in one go and nothing is written.
 */
export function parseScoresCsv(
  file: string,
  bytes: Uint8Array,
  ladder: readonly string[] | ((evaluation: string) => readonly string[]),
): ScoresFile {
  const ladderOf = typeof ladder === "function" ? ladder : () => ladder;
  const { table, problems } = readCsvTable(file, bytes, REQUIRED);
  if (!table) throw new ReleaseInputError(problems);
  const known = new Set<string>(SCORE_COLUMNS);
  const dimensions = table.header.filter((h) => h !== "" && !known.has(h));
  const rows: ScoreRow[] = [];
  const keys = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const bad = (column: string, zh: string, en: string) =>
      problems.push(problem(file, line, column, zh, en));
    const text = (c: string) => (cells[c] ? cells[c] : undefined);
    const num = (c: string): number | undefined => {
      const v = text(c);
      if (v === undefined) return undefined;
      if (!NUMBER.test(v)) {
        bad(c, `「${v}」不是数字`, `"${v}" is not a number`);
        return undefined;
      }
      return Number(v);
    };
    for (const c of REQUIRED) if (!text(c)) bad(c, "不能为空", "must not be empty");
    const rank = num("rank");
    if (rank !== undefined && (!Number.isInteger(rank) || rank < 1)) {
      bad("rank", `名次「${cells.rank}」不是正整数`, `rank "${cells.rank}" is not a positive integer`);
    }
    const code = text("division_code");
    if (code !== undefined && !CODE.test(code)) {
      bad(
        "division_code",
        `「${code}」不是 6 位行政区划代码或 bmNN 部门代码`,
        `"${code}" is neither a 6-digit division code nor a bmNN department code`,
      );
    }
    const tierCell = text("tier");
    const tierLadder = ladderOf(cells.evaluation ?? "");
    let tier: string | undefined;
    let tierSuffix: "档" | "级" | undefined;
    if (tierCell !== undefined) {
      const m = /^(.+?)(档|级)$/.exec(tierCell);
      const bare = m && tierLadder.includes(m[1] as string) ? (m[1] as string) : tierCell;
      if (tierLadder.includes(bare)) {
        tier = bare;
        if (m && bare === m[1]) tierSuffix = m[2] as "档" | "级";
      } else {
        bad(
          "tier",
          `档级「${tierCell}」不在档级序列 ${tierLadder.join("、")} 中`,
          `tier "${tierCell}" is not one of ${tierLadder.join(", ")}`,
        );
      }
    }
    const dims: Record<string, number | undefined> = {};
    for (const d of dimensions) dims[d] = num(d);
    const row: ScoreRow = {
      line,
      evaluation: cells.evaluation ?? "",
      evaluationEn: text("evaluation_en"),
      category: cells.category ?? "",
      categoryEn: text("category_en"),
      body: cells.body ?? "",
      bodyEn: text("body_en"),
      divisionCode: code,
      order: num("order"),
      score: num("score"),
      rank,
      tier,
      tierSuffix,
      dimensions: dims,
    };
    const key = `${row.evaluation}\u0000${row.category}\u0000${row.body}`;
    const first = keys.get(key);
    if (first !== undefined && row.body) {
      bad(
        "body",
        `「${row.body}」在同一评估和类别中重复（第 ${first} 行）`,
        `"${row.body}" appears twice in the same evaluation and category (line ${first})`,
      );
    } else keys.set(key, line);
    rows.push(row);
  }
  problems.push(...checkSuffixes(file, rows));
  if (problems.length > 0) throw new ReleaseInputError(problems);
  if (rows.length === 0)
    throw new ReleaseInputError([problem(file, null, null, "没有数据行", "no data rows")]);
  return { file, rows, dimensions };
}

/** One evaluation writes its tiers one way (卓越档 or 卓越级), as a release prints them. */
function checkSuffixes(file: string, rows: readonly ScoreRow[]): InputProblem[] {
  const seen = new Map<string, { suffix: string; line: number }>();
  const out: InputProblem[] = [];
  for (const r of rows) {
    if (!r.tierSuffix) continue;
    const prev = seen.get(r.evaluation);
    if (!prev) seen.set(r.evaluation, { suffix: r.tierSuffix, line: r.line });
    else if (prev.suffix !== r.tierSuffix) {
      out.push(
        problem(
          file,
          r.line,
          "tier",
          `同一评估的档级写法不一致：第 ${prev.line} 行用「${prev.suffix}」，此处用「${r.tierSuffix}」`,
          `tiers of one evaluation are written two ways: "${prev.suffix}" on line ${prev.line}, "${r.tierSuffix}" here`,
        ),
      );
    }
  }
  return out;
}
