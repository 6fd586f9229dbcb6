import { type Bilingual, bi } from "../i18n/bilingual.ts";
import type { BodyLevel, CategoryScope, WebsiteRole } from "../store/schema.ts";
import { closestName } from "./closest-name.ts";
import { lookupDivision } from "./divisions.ts";
import {
  COLUMNS_BY_KIND,
  KIND_ALIASES,
  LEVEL_ALIASES,
  LIST_SEPARATOR,
  PLATFORMS,
  REGISTRY_COLUMNS,
  type RegistryColumn,
  ROLE_ALIASES,
} from "./registry-csv-columns.ts";
import { canonicalSiteUrl } from "./site-url.ts";

export interface RawRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: Partial<Record<RegistryColumn, string>>;
}

export interface BodyRecord {
  kind: "body";
  line: number;
  id: string;
  name: string;
  shortName: string | null;
  categories: string[];
  level: BodyLevel;
  divisionCode: string | null;
  parentId: string | null;
}

export interface WebsiteRecord {
  kind: "website";
  line: number;
  bodyId: string;
  name: string | null;
  url: string;
  siteIdCode: string | null;
  role: WebsiteRole;
}

export interface AppRecord {
  kind: "app";
  line: number;
  bodyId: string;
  name: string;
  categories: string[];
  platforms: string[];
}

export type RegistryRecord = BodyRecord | WebsiteRecord | AppRecord;

export interface Problem {
  line: number;
  column: RegistryColumn | null;
  severity: "error" | "warning";
  message: Bilingual;
}

export interface CategoryRef {
  code: string;
  name_zh: string;
  name_en: string;
  applies_to: CategoryScope;
}

export interface ValidationContext {
  categories: readonly CategoryRef[];
  /** Bodies already in the database, which rows may name as parent or owner. */
  existingBodyIds: ReadonlySet<string>;
}

export interface ValidationResult {
  records: RegistryRecord[];
  problems: Problem[];
  /** True when no problem is an error: the file may be written. */
  ok: boolean;
}

const BODY_ID = /^[a-z0-9][a-z0-9-]*$/;
const SITE_ID_CODE = /^(\d{10}|bm\d{8})$/;

/** Checks every row and the rows against each other; collects every problem, never stops at the first. */
export function validateRegistryRows(rows: readonly RawRow[], ctx: ValidationContext): ValidationResult {
  const problems: Problem[] = [];
  const records: RegistryRecord[] = [];
  const categoryByKey = new Map<string, CategoryRef>();
  for (const c of ctx.categories) {
    categoryByKey.set(c.code, c);
    categoryByKey.set(c.name_zh, c);
  }

  // Rows that name a body declared in the file are checked against it even when that body's
  // own row has an error: one mistake is reported once, not again on every row below it.
  const declared = new Set(
    rows
      .filter((r) => KIND_ALIASES[(r.cells.kind ?? "").trim().toLowerCase()] === "body")
      .map((r) => (r.cells.body_id ?? "").trim()),
  );
  const known = (id: string) => declared.has(id) || ctx.existingBodyIds.has(id);
  for (const row of rows) {
    const record = validateRow(row, categoryByKey, known, problems);
    if (record) records.push(record);
  }
  crossCheck(records, problems);
  problems.sort((a, b) => a.line - b.line || REGISTRY_ORDER(a.column) - REGISTRY_ORDER(b.column));
  return { records, problems, ok: !problems.some((p) => p.severity === "error") };
}

function REGISTRY_ORDER(column: RegistryColumn | null): number {
  return column === null ? -1 : REGISTRY_COLUMNS.indexOf(column);
}

function validateRow(
  row: RawRow,
  categoryByKey: Map<string, CategoryRef>,
  known: (bodyId: string) => boolean,
  problems: Problem[],
): RegistryRecord | undefined {
  const before = problems.length;
  const error = (column: RegistryColumn | null, message: Bilingual) =>
    problems.push({ line: row.line, column, severity: "error", message });
  const warn = (column: RegistryColumn | null, message: Bilingual) =>
    problems.push({ line: row.line, column, severity: "warning", message });
  const cell = (c: RegistryColumn) => (row.cells[c] ?? "").trim();

  const kindText = cell("kind");
  const kind = KIND_ALIASES[kindText.toLowerCase()];
  if (!kind) {
    error(
      "kind",
      kindText
        ? bi(
            `未知的行类型「${kindText}」，应为 body、website 或 app`,
            `unknown row kind "${kindText}": use body, website or app`,
          )
        : bi("缺少行类型 kind", "the row kind is missing"),
    );
    return undefined;
  }
  for (const column of REGISTRY_COLUMNS) {
    if (cell(column) && !COLUMNS_BY_KIND[kind].includes(column)) {
      error(
        column,
        bi(
          `${kind} 行不使用 ${column} 列，请留空`,
          `${kind} rows do not use the ${column} column: leave it empty`,
        ),
      );
    }
  }

  const bodyId = cell("body_id");
  if (!bodyId) error("body_id", bi("缺少 body_id", "body_id is missing"));
  else if (!BODY_ID.test(bodyId)) {
    error(
      "body_id",
      bi(
        `body_id「${bodyId}」只能包含小写字母、数字和连字符`,
        `body_id "${bodyId}" may only contain lower-case letters, digits and hyphens`,
      ),
    );
  }
  if (kind !== "body" && bodyId && BODY_ID.test(bodyId) && !known(bodyId)) {
    error(
      "body_id",
      bi(
        `所属单位「${bodyId}」既不在文件中也不在数据库中`,
        `body "${bodyId}" is neither in the file nor in the database`,
      ),
    );
  }
  const name = cell("name");
  const categories = (scope: CategoryScope): string[] => {
    const codes: string[] = [];
    for (const part of cell("categories").split(LIST_SEPARATOR)) {
      const key = part.trim();
      if (!key) continue;
      const category = categoryByKey.get(key);
      if (!category) {
        const near = closestName(
          key,
          [...categoryByKey.values()].filter((c) => c.applies_to === scope).map((c) => c.name_zh),
        );
        error(
          "categories",
          bi(
            `未知的类别「${key}」${near ? `，是否指「${near}」？` : ""}（新类别可先用 govscore registry category add 添加）`,
            `unknown category "${key}"${near ? `; did you mean "${near}"?` : ""} (add a new one first with govscore registry category add)`,
          ),
        );
      } else if (category.applies_to !== scope) {
        error(
          "categories",
          bi(
            `类别「${key}」用于${category.applies_to === "app" ? "应用" : "单位"}，不能用于${scope === "app" ? "应用" : "单位"}`,
            `category "${key}" is for ${category.applies_to}s, not ${scope}s`,
          ),
        );
      } else if (!codes.includes(category.code)) codes.push(category.code);
    }
    return codes;
  };

  if (kind === "body") {
    if (!name) error("name", bi("缺少单位名称 name", "the body name is missing"));
    const levelText = cell("level");
    const level = LEVEL_ALIASES[levelText.toLowerCase()];
    if (!level) {
      error(
        "level",
        levelText
          ? bi(
              `未知的行政级别「${levelText}」，应为 national/provincial/prefectural/county/township/other`,
              `unknown level "${levelText}": use national, provincial, prefectural, county, township or other`,
            )
          : bi("缺少行政级别 level", "the level is missing"),
      );
    }
    const cats = categories("body");
    const divisionCode = cell("division_code") || null;
    if (divisionCode) {
      const found = lookupDivision(divisionCode);
      switch (found.status) {
        case "malformed":
          error(
            "division_code",
            bi(
              `区划代码「${divisionCode}」格式错误，应为 6 位数字（GB/T 2260）或 bm 加 2 位数字（国务院部门）`,
              `division code "${divisionCode}" is malformed: 6 digits (GB/T 2260) or bm and 2 digits (State Council departments)`,
            ),
          );
          break;
        case "unknown":
          error(
            "division_code",
            bi(
              `区划代码「${divisionCode}」不是有效的 GB/T 2260 代码`,
              `division code "${divisionCode}" is not a GB/T 2260 code, current or past`,
            ),
          );
          break;
        case "historical":
          warn(
            "division_code",
            bi(
              `区划代码「${divisionCode}」（${found.name}）已停用，最后见于 ${found.lastSeen} 版`,
              `division code "${divisionCode}" (${found.name}) is no longer in use; last seen in the ${found.lastSeen} edition`,
            ),
          );
          break;
        case "department":
          if (level && level !== "national") {
            warn(
              "division_code",
              bi(
                `部门代码「${divisionCode}」通常只用于国家级单位`,
                `department code "${divisionCode}" is normally used by national bodies only`,
              ),
            );
          }
          break;
        case "current":
          break;
      }
    }
    const parentId = cell("parent_id") || null;
    if (parentId && parentId === bodyId) {
      error("parent_id", bi("单位不能是自己的上级", "a body cannot be its own parent"));
    } else if (parentId && !known(parentId)) {
      error(
        "parent_id",
        bi(
          `上级单位「${parentId}」既不在文件中也不在数据库中`,
          `parent body "${parentId}" is neither in the file nor in the database`,
        ),
      );
    }
    if (problems.length > before && problems.slice(before).some((p) => p.severity === "error"))
      return undefined;
    return {
      kind,
      line: row.line,
      id: bodyId,
      name,
      shortName: cell("short_name") || null,
      categories: cats,
      level: level as BodyLevel,
      divisionCode,
      parentId,
    };
  }

  if (kind === "website") {
    const urlText = cell("url");
    const url = urlText ? canonicalSiteUrl(urlText) : undefined;
    if (!urlText) error("url", bi("缺少网址 url", "the url is missing"));
    else if (!url) {
      error(
        "url",
        bi(`网址「${urlText}」不是有效的 http(s) 地址`, `url "${urlText}" is not a valid http(s) address`),
      );
    }
    const siteIdCode = cell("site_id_code") || null;
    if (siteIdCode) {
      if (!SITE_ID_CODE.test(siteIdCode)) {
        error(
          "site_id_code",
          bi(
            `网站标识码「${siteIdCode}」格式错误，应为 10 位数字或 bm 加 8 位数字`,
            `site id code "${siteIdCode}" is malformed: 10 digits, or bm and 8 digits`,
          ),
        );
      } else if (!siteIdCode.startsWith("bm")) {
        const prefix = lookupDivision(siteIdCode.slice(0, 6));
        if (prefix.status === "unknown") {
          error(
            "site_id_code",
            bi(
              `网站标识码「${siteIdCode}」的前 6 位不是 GB/T 2260 区划代码`,
              `the first 6 digits of site id code "${siteIdCode}" are not a GB/T 2260 code`,
            ),
          );
        }
      }
    }
    const roleText = cell("role") || "portal";
    const role = ROLE_ALIASES[roleText.toLowerCase()];
    if (!role) {
      error(
        "role",
        bi(
          `未知的网站角色「${roleText}」，应为 portal/department/other`,
          `unknown role "${roleText}": use portal, department or other`,
        ),
      );
    }
    if (problems.slice(before).some((p) => p.severity === "error")) return undefined;
    return {
      kind,
      line: row.line,
      bodyId,
      name: name || null,
      url: url as string,
      siteIdCode,
      role: role as WebsiteRole,
    };
  }

  if (!name) error("name", bi("缺少应用名称 name", "the app name is missing"));
  const cats = categories("app");
  const platforms: string[] = [];
  for (const part of cell("platforms").split(LIST_SEPARATOR)) {
    const p = part.trim().toLowerCase();
    if (!p) continue;
    if (!(PLATFORMS as readonly string[]).includes(p)) {
      error(
        "platforms",
        bi(
          `未知的平台「${p}」，可用：${PLATFORMS.join("、")}`,
          `unknown platform "${p}": use ${PLATFORMS.join(", ")}`,
        ),
      );
    } else if (!platforms.includes(p)) platforms.push(p);
  }
  if (problems.slice(before).some((p) => p.severity === "error")) return undefined;
  return { kind: "app", line: row.line, bodyId, name, categories: cats, platforms };
}

function crossCheck(records: RegistryRecord[], problems: Problem[]): void {
  const bodies = new Map<string, BodyRecord>();
  for (const r of records) {
    if (r.kind !== "body") continue;
    const first = bodies.get(r.id);
    if (first) {
      problems.push({
        line: r.line,
        column: "body_id",
        severity: "error",
        message: bi(
          `body_id「${r.id}」重复，首次出现在第 ${first.line} 行`,
          `body_id "${r.id}" repeats line ${first.line}`,
        ),
      });
    } else bodies.set(r.id, r);
  }
  // A parent chain that loops back would make every tree walk (reports, roll-ups) endless.
  for (const start of bodies.values()) {
    const seen = new Set<string>([start.id]);
    let current = start.parentId ? bodies.get(start.parentId) : undefined;
    while (current) {
      if (seen.has(current.id)) {
        if (current.id === start.id) {
          problems.push({
            line: start.line,
            column: "parent_id",
            severity: "error",
            message: bi(
              `上级关系形成循环：${[...seen].join(" → ")}`,
              `the parent chain loops: ${[...seen].join(" → ")}`,
            ),
          });
        }
        break;
      }
      seen.add(current.id);
      current = current.parentId ? bodies.get(current.parentId) : undefined;
    }
  }

  const urls = new Map<string, number>();
  const apps = new Map<string, number>();
  for (const r of records) {
    if (r.kind === "body") continue;
    const key = r.kind === "website" ? r.url : `${r.bodyId}\u0000${r.name}`;
    const seen = r.kind === "website" ? urls : apps;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line: r.line,
        column: r.kind === "website" ? "url" : "name",
        severity: "error",
        message:
          r.kind === "website"
            ? bi(`网址「${r.url}」重复，首次出现在第 ${first} 行`, `url "${r.url}" repeats line ${first}`)
            : bi(`应用「${r.name}」重复，首次出现在第 ${first} 行`, `app "${r.name}" repeats line ${first}`),
      });
    } else seen.set(key, r.line);
  }
}
