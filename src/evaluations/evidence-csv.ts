import { CsvError, parse } from "csv-parse/sync";
import { frameworkLeaves } from "../frameworks/leaves.ts";
import type { Framework } from "../frameworks/schema.ts";
import { decodeText } from "../registry/read-text.ts";
import type { EvidenceKind } from "../store/schema.ts";
import type { EvidenceValueRow } from "./evaluation-store.ts";

/** One problem of an evidence file, with where it is (1-based line, column name). */
export interface EvidenceProblem {
  line: number;
  column: string | null;
  message: string;
}

const COLUMNS = ["body_id", "kind", "code", "value", "source"] as const;

/** A unit values may name: a body, or an app (named by its owner's body_id and its name). */
export interface EvidenceUnit {
  readonly bodyId: string;
  readonly app: { readonly id: number; readonly name: string } | null;
}
const KINDS: readonly EvidenceKind[] = ["rubric", "figure", "answer", "manual", "fact"];
const YES = new Set(["yes", "y", "true", "1", "是", "有"]);
const NO = new Set(["no", "n", "false", "0", "否", "无"]);

/**
 * Reads what evaluators add to an evaluation (expert rubric levels, submitted figures, yes/no
 * answers, manual veto judgements, facts such as a week of monitoring) and checks every row
 * against the framework and the evaluation's units. An evaluation of apps names each app as the
 * registry does, by `body_id` (its owner) and `app` (its name). Returns rows only when no row is
 * bad.
 */
export function parseEvidenceCsv(
  bytes: Uint8Array,
  file: string,
  fw: Framework,
  units: readonly EvidenceUnit[],
): { rows: EvidenceValueRow[]; problems: EvidenceProblem[] } {
  const problems: EvidenceProblem[] = [];
  const { text } = decodeText(bytes);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true }) as never;
  } catch (e) {
    const line = e instanceof CsvError ? Number((e as CsvError & { lines?: number }).lines ?? 0) : 0;
    return {
      rows: [],
      problems: [{ line, column: null, message: `CSV 格式错误 (malformed CSV): ${(e as Error).message}` }],
    };
  }
  const [head, ...body] = records;
  if (!head)
    return { rows: [], problems: [{ line: 1, column: null, message: "文件为空 (the file is empty)" }] };
  const header = head.record.map((h) => h.trim());
  const ofApps = units.some((u) => u.app !== null);
  for (const c of [...COLUMNS.slice(0, 4), ...(ofApps ? ["app"] : [])])
    if (!header.includes(c))
      problems.push({ line: 1, column: c, message: `表头缺少列 ${c} (the header lacks column ${c})` });
  if (problems.length) return { rows: [], problems };
  const at = (r: string[], c: string) => (header.includes(c) ? (r[header.indexOf(c)] ?? "").trim() : "");
  const unitKey = (bodyId: string, app: string) => `${bodyId}\u0000${app}`;
  const byKey = new Map(units.map((u) => [unitKey(u.bodyId, u.app?.name ?? ""), u]));
  const leafSources = frameworkLeaves(fw);
  const vetoIds = new Set((fw.checklist?.veto ?? []).map((v) => v.id));
  const seen = new Map<string, number>();
  const rows: EvidenceValueRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const bad = (column: string, message: string) => problems.push({ line, column, message });
    const bodyId = at(record, "body_id");
    const app = at(record, "app");
    const kind = at(record, "kind") as EvidenceKind;
    const code = at(record, "code");
    const raw = at(record, "value");
    const source = at(record, "source") || file;
    const unit = byKey.get(unitKey(bodyId, app));
    if (ofApps && !app)
      bad("app", "应用评估的每一行须写明应用名 (an evaluation of apps needs the app's name on every row)");
    else if (!ofApps && app)
      bad("app", `本评估评估单位，不评估应用：${app} (this evaluation evaluates bodies, not apps)`);
    else if (!unit)
      bad(
        ofApps ? "app" : "body_id",
        ofApps
          ? `应用 ${app}（${bodyId}）不在本评估中 (app ${app} of ${bodyId} is not in this evaluation)`
          : `单位 ${bodyId} 不在本评估中 (body ${bodyId} is not in this evaluation)`,
      );
    if (!KINDS.includes(kind)) {
      bad("kind", `类型应为 ${KINDS.join("/")} (kind must be one of ${KINDS.join(", ")}): ${kind}`);
      continue;
    }
    const key = `${bodyId}\u0000${app}\u0000${kind}\u0000${code}`;
    const dup = seen.get(key);
    if (dup !== undefined) bad("code", `与第 ${dup} 行重复 (repeats line ${dup})`);
    seen.set(key, line);
    const checked = checkEvidenceValue(fw, kind, code, raw, leafSources, vetoIds);
    for (const p of checked.problems) bad(p.column, p.message);
    const value = checked.value;
    rows.push({ bodyId, ...(unit?.app ? { appId: unit.app.id } : {}), kind, code, value, source });
  }
  return problems.length ? { rows: [], problems } : { rows, problems };
}

/**
 * One value an evaluator or a body gives, checked against the framework: the leaf exists and
 * takes this kind of value, a rubric level is one the rubric has, a figure is a number.
 */
export function checkEvidenceValue(
  fw: Framework,
  kind: EvidenceKind,
  code: string,
  raw: string,
  leafSources = frameworkLeaves(fw),
  vetoIds = new Set((fw.checklist?.veto ?? []).map((v) => v.id)),
): { value: unknown; problems: { column: string; message: string }[] } {
  const problems: { column: string; message: string }[] = [];
  const bad = (column: string, message: string) => problems.push({ column, message });
  let value: unknown;
  const yesNo = (): boolean | undefined => {
    const v = raw.toLowerCase();
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    bad("value", `应为 是/否 (expected yes/no): ${raw}`);
    return undefined;
  };
  if (!KINDS.includes(kind)) {
    bad("kind", `类型应为 ${KINDS.join("/")} (kind must be one of ${KINDS.join(", ")}): ${kind}`);
    return { value, problems };
  }
  if (kind === "manual") {
    if (!vetoIds.has(code)) bad("code", `框架没有否决项 ${code} (the framework has no veto item ${code})`);
    value = yesNo();
  } else if (kind === "fact") {
    if (!code) bad("code", "缺少事实名 (missing fact name)");
    value = raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  } else if (kind === "answer" && code === "public-services") {
    value = yesNo();
  } else {
    const src = leafSources.get(code);
    const wants = kind === "answer" ? "yesno" : kind;
    if (!leafSources.has(code)) bad("code", `框架没有末级指标 ${code} (the framework has no leaf ${code})`);
    else if (src?.from !== wants)
      bad("code", `指标 ${code} 的取值方式不是 ${wants} (leaf ${code} does not take a ${wants})`);
    if (kind === "rubric") {
      value = raw;
      if (src?.from === "rubric" && !(raw in src.levels))
        bad(
          "value",
          `评分等级应为 ${Object.keys(src.levels).join("/")} (rubric level must be one of them): ${raw}`,
        );
    } else if (kind === "figure") {
      value = Number(raw);
      if (raw === "" || !Number.isFinite(value as number)) bad("value", `不是数字 (not a number): ${raw}`);
    } else value = yesNo();
  }
  return { value, problems };
}
