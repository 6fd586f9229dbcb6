import type { BodyLevel, WebsiteRole } from "../store/schema.ts";

/**
 * The registry CSV: one row per body, website or app, told apart by `kind`. Documented in
 * docs/registry-csv.md; import and export share these definitions so they cannot drift.
 */
export const REGISTRY_COLUMNS = [
  "kind",
  "body_id",
  "name",
  "short_name",
  "categories",
  "level",
  "division_code",
  "parent_id",
  "url",
  "site_id_code",
  "role",
  "platforms",
] as const;

export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

export type RowKind = "body" | "website" | "app";

/** Columns each kind of row may fill; anything else filled in is an error, not silently dropped. */
export const COLUMNS_BY_KIND: Record<RowKind, readonly RegistryColumn[]> = {
  body: ["kind", "body_id", "name", "short_name", "categories", "level", "division_code", "parent_id"],
  website: ["kind", "body_id", "name", "url", "site_id_code", "role"],
  app: ["kind", "body_id", "name", "categories", "platforms"],
};

export const KIND_ALIASES: Record<string, RowKind> = {
  body: "body",
  单位: "body",
  website: "website",
  网站: "website",
  app: "app",
  应用: "app",
};

export const LEVEL_ALIASES: Record<string, BodyLevel> = {
  national: "national",
  国家级: "national",
  provincial: "provincial",
  省级: "provincial",
  prefectural: "prefectural",
  地级: "prefectural",
  市级: "prefectural",
  county: "county",
  县级: "county",
  township: "township",
  乡级: "township",
  other: "other",
  其他: "other",
};

export const ROLE_ALIASES: Record<string, WebsiteRole> = {
  portal: "portal",
  门户: "portal",
  门户网站: "portal",
  department: "department",
  部门: "department",
  部门网站: "department",
  other: "other",
  其他: "other",
};

export const PLATFORMS = ["ios", "android", "harmony", "miniprogram", "web"] as const;

/** Separator inside a multi-valued cell (categories, platforms). */
export const LIST_SEPARATOR = /[;；]/;
