// Shapes of the API answers the work screens (tasks, scoring, submissions, cases, appeals) read,
// and the few helpers they share. Shapes follow src/server/routes/*.ts.
import { ApiError, api, seg } from "../api.ts";
import type {
  BodyResult,
  EvaluationStatus,
  Finding,
  Framework,
  FrameworkNode as FwNode,
  TargetBody,
} from "./ScoreTypes.ts";

export { showValue } from "./ScoreCommon.tsx";

// One set of API shapes for every screen (ScoreTypes.ts); the work screens' names for them.
export type {
  Bilingual,
  BodyResult,
  CheckOutcome as InspectionCheck,
  EvidenceValue,
  Finding,
  Findings,
  Framework,
  FrameworkNode as FwNode,
  Inspection,
  NodeSource as FwSource,
  SourceFrom,
  TargetBody,
} from "./ScoreTypes.ts";

export interface Evaluation {
  code: string;
  name: string;
  asOf: string;
  status: EvaluationStatus;
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
