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
  evaluation: EvaluationTable;
  evaluation_member: EvaluationMemberTable;
  evaluation_category: EvaluationCategoryTable;
  inspection: InspectionTable;
  evidence_value: EvidenceValueTable;
  score_run: ScoreRunTable;
  score_result: ScoreResultTable;
  account: AccountTable;
  session: SessionTable;
  expert_task: ExpertTaskTable;
  audit_log: AuditLogTable;
  practice_case: PracticeCaseTable;
  case_attachment: CaseAttachmentTable;
  appeal: AppealTable;
  monitor_target: MonitorTargetTable;
  probe: ProbeTable;
  probe_day: ProbeDayTable;
  monitor_alert: MonitorAlertTable;
  submission_attachment: SubmissionAttachmentTable;
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

export type EvaluationStatus = "draft" | "collecting" | "scoring" | "review" | "published";
export type EvidenceKind = "rubric" | "figure" | "answer" | "manual" | "fact" | "dismissed";
type Json = ColumnType<unknown, string, string>;
type DateOnly = ColumnType<string, string, string>;

export interface EvaluationTable {
  id: Generated<number>;
  code: string;
  name: string;
  framework_id: string;
  framework_version: string;
  framework_source: string;
  framework_sha256: string;
  as_of: DateOnly;
  status: ColumnType<EvaluationStatus, EvaluationStatus | undefined, EvaluationStatus>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One row per (evaluation, unit, category): a unit is a body, or an app (app_id set, body_id its owner). */
export interface EvaluationMemberTable {
  id: Generated<number>;
  evaluation_id: number;
  body_id: string;
  app_id: number | null;
  /** Null only for a body added by id outside the evaluation's categories. */
  category_code: string | null;
}

/** An evaluation's categories in the order listed at creation, with the title a release gives each. */
export interface EvaluationCategoryTable {
  evaluation_id: number;
  category_code: string;
  position: number;
  title: string | null;
}

export interface InspectionTable {
  id: Generated<number>;
  evaluation_id: number;
  website_id: number;
  site: string;
  as_of: DateOnly;
  report: Json;
  warc_dir: string | null;
  started_at: Date | string;
  finished_at: Date | string;
}

export interface EvidenceValueTable {
  evaluation_id: number;
  body_id: string;
  /** The app the value is about (an app evaluation); null for the body itself. */
  app_id: ColumnType<number | null, number | null | undefined, number | null>;
  kind: EvidenceKind;
  code: string;
  value: Json;
  source: string;
  updated_at: UpdatedAt;
}

export interface ScoreRunTable {
  id: Generated<number>;
  evaluation_id: number;
  framework_sha256: string;
  input_sha256: string;
  output_sha256: string;
  output: Json;
  created_at: CreatedAt;
}

export interface ScoreResultTable {
  run_id: number;
  body_id: string;
  app_id: number | null;
  /** The category the rank is in (null: a body outside the evaluation's categories). */
  category_code: string | null;
  node: string;
  score: number | null;
  rank: number | null;
  tier: string | null;
}

export type AccountRole = "admin" | "evaluator" | "expert" | "submitter";

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: AccountRole;
  body_id: string | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface SessionTable {
  token_sha256: string;
  account_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date | string;
}

export interface ExpertTaskTable {
  id: Generated<number>;
  evaluation_id: number;
  body_id: string;
  indicator: string;
  expert_id: number;
  assigned_by: number | null;
  created_at: CreatedAt;
  level: string | null;
  comment: string | null;
  evidence: ColumnType<unknown, string | undefined, string>;
  scored_at: Date | string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  account_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: ColumnType<unknown, string | undefined, never>;
}

export type CaseClass = "履职能力" | "制度规则" | "技术平台" | "安全保障" | "数字机关" | "政府网站" | "其他";

export interface PracticeCaseTable {
  id: Generated<number>;
  evaluation_id: number;
  body_id: string;
  title: string;
  class: CaseClass;
  summary: string;
  submitted_by: number | null;
  submitted_at: CreatedAt;
  review_score: number | null;
  review_comment: string | null;
  reviewed_by: number | null;
  reviewed_at: Date | string | null;
  selected: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CaseAttachmentTable {
  id: Generated<number>;
  case_id: number;
  name: string;
  content_type: string;
  sha256: string;
  bytes: Buffer | Uint8Array;
}

export interface AppealTable {
  id: Generated<number>;
  evaluation_id: number;
  body_id: string;
  target_kind: "finding" | "indicator";
  target: string;
  reason: string;
  filed_by: number | null;
  filed_at: CreatedAt;
  state: ColumnType<"open" | "accepted" | "rejected", "open" | undefined, "open" | "accepted" | "rejected">;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Date | string | null;
}

export interface MonitorTargetTable {
  id: Generated<number>;
  website_id: number;
  url: string;
  probes_per_day: ColumnType<number, number | undefined, number>;
  next_due_at: Date | string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface ProbeTable {
  id: Generated<number>;
  target_id: number;
  at: Date | string;
  answered: boolean;
  status: number | null;
  ms: number;
  error: string | null;
  home_sha256: string | null;
  latest_date: string | null;
}

export interface ProbeDayTable {
  target_id: number;
  /** YYYY-MM-DD (UTC+8 calendar day, as evaluators count days). */
  day: ColumnType<string, string, string>;
  probes: number;
  unanswered: number;
  server_errors: number;
  total_ms: number;
  home_changes: number;
  latest_date: string | null;
}

export interface MonitorAlertTable {
  id: Generated<number>;
  target_id: number;
  kind: "unreachable" | "home-stale";
  raised_at: Date | string;
  cleared_at: Date | string | null;
  detail: ColumnType<unknown, string | undefined, string>;
}

export interface SubmissionAttachmentTable {
  id: Generated<number>;
  evaluation_id: number;
  body_id: string;
  name: string;
  content_type: string;
  sha256: string;
  bytes: Buffer | Uint8Array;
  uploaded_by: number | null;
  uploaded_at: CreatedAt;
}
