import { closest, distance } from "fastest-levenshtein";

/**
 * The known name a mistyped one most likely meant (`wieght` → `weight`), or null when none is
 * close: at most a third of the longer name's characters differ (two for short names).
 */
export function suggestion(given: string, known: readonly string[]): string | null {
  if (known.length === 0) return null;
  const best = closest(given, [...known]);
  const limit = Math.max(2, Math.floor(Math.max(given.length, best.length) / 3));
  return distance(given, best) <= limit ? best : null;
}
