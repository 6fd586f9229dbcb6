import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** Kysely's view of the tables created by src/store/migrations. */
export interface Database {
  category: CategoryTable;
  body: BodyTable;
  body_category: BodyCategoryTable;
  website: WebsiteTable;
  app: AppTable;
  app_category: AppCategoryTable;
  registry_import: RegistryImportTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type BodyLevel = "national" | "provincial" | "prefectural" | "county" | "township" | "other";
export type WebsiteRole = "portal" | "department" | "other";
export type CategoryScope = "body" | "app";

export interface CategoryTable {
  code: string;
  name_zh: string;
  name_en: string;
  applies_to: ColumnType<CategoryScope, CategoryScope | undefined, CategoryScope>;
  builtin: ColumnType<boolean, boolean | undefined, boolean>;
  sort_order: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

export interface BodyTable {
  id: string;
  name: string;
  short_name: string | null;
  level: BodyLevel;
  division_code: string | null;
  parent_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BodyCategoryTable {
  body_id: string;
  category_code: string;
}

export interface WebsiteTable {
  id: Generated<number>;
  body_id: string;
  url: string;
  name: string | null;
  site_id_code: string | null;
  role: WebsiteRole;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AppTable {
  id: Generated<number>;
  body_id: string;
  name: string;
  platforms: string[];
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AppCategoryTable {
  app_id: number;
  category_code: string;
}

export interface RegistryImportTable {
  id: Generated<number>;
  file_name: string;
  sha256: string;
  encoding: string;
  rows_read: number;
  bodies_written: number;
  websites_written: number;
  apps_written: number;
  imported_at: CreatedAt;
}

export type Body = Selectable<BodyTable>;
export type NewBody = Insertable<BodyTable>;
export type Category = Selectable<CategoryTable>;
export type Website = Selectable<WebsiteTable>;
export type App = Selectable<AppTable>;
