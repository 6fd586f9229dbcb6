import type { ReleaseInput } from "./types.ts";

/**
 * The whole ReleaseInput as JSON (`results.json`, the workspace's release), without the
 * database's unit keys: they only tell units apart in memory, a release names every unit.
 */
export function releaseJson(input: ReleaseInput): string {
  const body = JSON.stringify(
    { schema: "govscore.release/2", ...input },
    (key, value) => (key === "unit" ? undefined : value),
    2,
  );
  return `${body}\n`;
}
