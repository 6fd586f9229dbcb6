// The shapes the screens read from the API (see src/server/routes/*.ts).

export type EvaluationStatus = "draft" | "collecting" | "scoring" | "review" | "published";
export const LIFECYCLE: readonly EvaluationStatus[] = [
  "draft",
  "collecting",
  "scoring",
  "review",
  "published",
];

export interface Bilingual {
  zh: string;
  en: string;
}

export interface EvaluationSummary {
  code: string;
  name: string;
  framework: { id: string; version: string; sha256: string };
  asOf: string;
  status: EvaluationStatus;
}

export type SourceFrom = "rubric" | "figure" | "yesno" | "check" | "deduction" | "count" | "fact";

/** How a leaf gets its value (the framework's `source`, as the outline route sends it). */
export interface NodeSource {
  from: SourceFrom;
  levels?: Record<string, number>;
  check?: string;
  unit?: string;
  max?: number;
  yes?: number;
  no?: number;
}

export interface FrameworkNode {
  code: string;
  parent: string | null;
  depth: number;
  name: Bilingual;
  leaf: boolean;
  points: number | null;
  source: NodeSource | null;
}

export interface Framework {
  id: string;
  version: string;
  kind: "composite" | "checklist";
  name: Bilingual;
  root: string;
  tiers: { name: string; atLeast: number | null }[];
  nodes: FrameworkNode[];
  vetoes: { id: string; name: Bilingual }[];
}

export interface ResultRow {
  bodyId: string;
  name: string | null;
  shortName: string | null;
  app?: { id: number; name: string } | null;
  category: string | null;
  score: number | null;
  rank: number | null;
  /** Its place in every category it is ranked in (absent in results scored before it existed). */
  rankings?: { category: string | null; rank: number | null }[];
  tier: string | null;
  verdict?: string;
  reason?: string;
}

export interface Results {
  evaluation: string;
  name: string;
  status: EvaluationStatus;
  asOf: string;
  run: number;
  root: string;
  bodies: ResultRow[];
}

export interface BodyResult {
  evaluation: string;
  status: EvaluationStatus;
  run: number;
  root: string;
  bodyId: string;
  category: string | null;
  scores: Record<string, number | null>;
  ranks: Record<string, number | null>;
  tier: string | null;
  verdict?: string;
  reason?: string;
}

export interface HistoryPoint {
  run: number;
  at: string;
  score: number | null;
  rank: number | null;
  tier: string | null;
}

export interface Progress {
  status: EvaluationStatus;
  bodies: number;
  websites: number;
  inspected: number;
  run: {
    state: "running" | "done" | "failed";
    done: number;
    total: number | null;
    error?: string | null;
  } | null;
  queue: { created: number; active: number; completed: number; failed: number; retry: number } | null;
  tasks: { total: number; scored: number; disagreements: number };
  /** asked: whether the framework asks bodies for figures or answers at all. */
  submissions: { asked?: boolean; bodies: number; submitted: number };
  cases: { total: number; reviewed: number; selected: number };
  appeals: { open: number; decided: number };
  scoreRuns: number;
  lastScoredAt: string | null;
}

export interface TargetBody {
  bodyId: string;
  name: string;
  shortName: string | null;
  divisionCode: string | null;
  /** The app evaluated, in an evaluation of apps (bodyId and names are its owner's). */
  app: { id: number; name: string } | null;
  /** Every category it is ranked in, in the evaluation's order. */
  categories: string[];
  websites: { id: number; url: string; role: string }[];
}

export interface Finding {
  check?: string;
  page?: string;
  record?: string;
  [field: string]: unknown;
}

export interface CheckOutcome {
  check: string;
  title: Bilingual;
  severity: string | null;
  outcome: string;
  /** How many findings the check had; `findings` may list only the first of them. */
  count?: number;
  findings: Finding[];
}

export interface Inspection {
  site: string;
  finishedAt: string;
  pages: number;
  archived?: boolean;
  checks: CheckOutcome[];
}

export interface Findings {
  inspections: Inspection[];
}

export interface EvidenceValue {
  /** Absent in a body's own submission (GET …/submission), where the body is implied. */
  bodyId?: string;
  kind: string;
  code: string;
  value: unknown;
  source: string;
}

export interface Alert {
  id: number | string;
  site: string;
  bodyId?: string;
  kind: "unreachable" | "home-stale" | string;
  raisedAt: string;
  clearedAt: string | null;
  detail: unknown;
}

export type AccountRole = "admin" | "evaluator" | "expert" | "submitter";

export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: AccountRole;
  bodyId: string | null;
  disabled: boolean;
}

export interface AuditRow {
  id: number;
  at: string;
  account_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: unknown;
}

export interface CaseSummary {
  cases: number;
  bodies: number;
  selected: number;
  byClass: Record<string, number>;
  byLevel: Record<string, number>;
}
