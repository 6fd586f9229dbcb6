import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import type { RegistryLookup, RegistryMatch } from "./build-input.ts";

/** "随申办（上海）" → "随申办": releases print an app with its place, the registry keeps the name alone. */
function withoutPlace(name: string): string {
  return name.replace(/\s*[（(][^（()）]*[）)]\s*$/, "");
}

/**
 * Reads the registry once and answers by name: a body by its name or short name, an app by its
 * name (its owner's division code). A body without a code of its own (a development zone) takes
 * its parent's, so it sorts where it lies. Names used by two bodies are left unmatched rather than
 * guessed.
 */
export async function loadRegistryLookup(db: Kysely<Database>): Promise<RegistryLookup> {
  const bodies = await db
    .selectFrom("body")
    .select(["id", "name", "short_name", "division_code", "parent_id"])
    .execute();
  const apps = await db.selectFrom("app").select(["name", "body_id"]).execute();
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const codeOf = (id: string | null): string | undefined => {
    const seen = new Set<string>();
    let cur = id === null ? undefined : byId.get(id);
    while (cur && !seen.has(cur.id)) {
      if (cur.division_code) return cur.division_code;
      seen.add(cur.id);
      cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id);
    }
    return undefined;
  };
  const map = new Map<string, RegistryMatch | null>();
  const add = (name: string | null, match: RegistryMatch) => {
    if (!name) return;
    const prev = map.get(name);
    map.set(name, prev === undefined || prev?.bodyId === match.bodyId ? match : null);
  };
  for (const b of bodies) {
    const match = { bodyId: b.id, divisionCode: codeOf(b.id), names: [b.name, b.short_name ?? b.name] };
    add(b.name, match);
    add(b.short_name, match);
  }
  for (const a of apps) {
    if (!map.has(a.name))
      add(a.name, { bodyId: a.body_id, divisionCode: codeOf(a.body_id), names: [a.name] });
  }
  return (name) => map.get(name) ?? map.get(withoutPlace(name)) ?? undefined;
}
