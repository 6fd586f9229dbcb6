// Shapes of the API answers the work screens (tasks, scoring, submissions, cases, appeals) read,
// and the few helpers they share. Shapes follow src/server/routes/*.ts.
import { ApiError, api, seg } from "../api.ts";

export interface Bilingual {
  zh: string;
  en: string;
}

export type SourceFrom = "rubric" | "figure" | "yesno" | "check" | "deduction" | "count" | "fact";

export interface FwSource {
  from: SourceFrom;
  levels?: Record<string, number>;
  check?: string;
  unit?: string;
  max?: number;
  yes?: number;
  no?: number;
}

export interface FwNode {
  code: string;
  parent: string | null;
  depth: number;
  name: Bilingual;
  leaf: boolean;
  points: number | null;
  source: FwSource | null;
}

export interface Framework {
  id: string;
  version: string;
  kind: "composite" | "checklist";
  name: Bilingual;
  root: string;
  tiers: { name: string; atLeast: number | null }[];
  nodes: FwNode[];
  vetoes: { id: string; name: Bilingual }[];
}

export interface Evaluation {
  code: string;
  name: string;
  asOf: string;
  status: "draft" | "collecting" | "scoring" | "review" | "published";
}

export interface TargetBody {
  bodyId: string;
  name: string;
  shortName: string | null;
  category: string | null;
  websites: { id: number; url: string; role: string }[];
}

export interface Task {
  id: number;
  evaluation: string;
  bodyId: string;
  indicator: string;
  expert: string;
  level: string | null;
  comment: string | null;
  evidence: unknown;
  scoredAt: string | null;
}

export interface EvidenceValue {
  bodyId?: string;
  kind: string;
  code: string;
  value: unknown;
  source: string;
}

export interface BodyResult {
  evaluation: string;
  status: string;
  run: number;
  root: string;
  bodyId: string;
  scores: Record<string, number | null>;
  ranks: Record<string, number | null>;
  tier: string | null;
  verdict?: string;
  reason?: string;
}

export interface Finding {
  check?: string;
  page?: string;
  record?: string;
  [field: string]: unknown;
}

export interface InspectionCheck {
  check: string;
  title: Bilingual;
  severity: string | null;
  outcome: string;
  count?: number;
  findings: Finding[];
}

export interface Inspection {
  site: string;
  finishedAt: string;
  pages: number;
  archived?: boolean;
  checks: InspectionCheck[];
}

export interface Findings {
  inspections: Inspection[];
}

export type Consensus =
  | { state: "pending" }
  | { state: "agreed"; level: string }
  | { state: "disagreed"; levels: string[] };

const frameworks = new Map<string, Promise<Framework>>();

/** An evaluation's framework never changes, so it is fetched once per page load. */
export function loadFramework(code: string): Promise<Framework> {
  let p = frameworks.get(code);
  if (!p) {
    p = api.get<Framework>(`/evaluations/${seg(code)}/framework`);
    frameworks.set(code, p);
    p.catch(() => frameworks.delete(code));
  }
  return p;
}

export const loadBodies = (code: string) => api.get<TargetBody[]>(`/evaluations/${seg(code)}/bodies`);

export const loadEvaluation = (code: string) => api.get<Evaluation>(`/evaluations/${seg(code)}`);

/** A body's latest result, or null when it has not been scored yet (404). */
export async function loadResult(code: string, bodyId: string): Promise<BodyResult | null> {
  try {
    return await api.get<BodyResult>(`/evaluations/${seg(code)}/results/${seg(bodyId)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export const totalOf = (r: BodyResult | null | undefined): number | null =>
  r ? (r.scores[r.root] ?? null) : null;

export const nodeMap = (fw: Framework) => new Map(fw.nodes.map((n) => [n.code, n]));

/** The dimensions above a node, from the top (without the root), e.g. 服务 › 体验. */
export function ancestors(fw: Framework, code: string): FwNode[] {
  const byCode = nodeMap(fw);
  const out: FwNode[] = [];
  let n = byCode.get(code);
  while (n?.parent) {
    const p = byCode.get(n.parent);
    if (!p || p.parent === null) break;
    out.unshift(p);
    n = p;
  }
  return out;
}

/** How an appeal names a finding: check, page and target (as the server's findingKey). */
export function findingKey(f: Finding, check?: string): string {
  return [f.check ?? check ?? "", f.page ?? "", f.target ?? ""].map(String).join(" ");
}

/** Only web addresses become links: a crawled `javascript:` URL stays text. */
export function safeUrl(u: unknown): string | null {
  if (typeof u !== "string") return null;
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A stored evidence list (jsonb, or its JSON text) as strings. */
export function evidenceList(e: unknown): string[] {
  let v = e;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return v ? [v as string] : [];
    }
  }
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** A recorded value as people read it: yes/no in words, numbers as they are. */
export function showValue(v: unknown, t: (zh: string, en: string) => string): string {
  if (v === true) return t("是", "yes");
  if (v === false) return t("否", "no");
  if (v === null || v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** What the server accepts in one upload: base64 of at most 4,000,000 characters. */
export const MAX_UPLOAD_BYTES = 3_000_000;

export interface Upload {
  name: string;
  contentType: string;
  dataBase64: string;
}

export async function readUpload(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) bin += String.fromCharCode(...bytes.subarray(i, i + step));
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : "application/octet-stream";
  return { name: file.name.slice(0, 200) || "attachment", contentType: type, dataBase64: btoa(bin) };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
