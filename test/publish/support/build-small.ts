import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_TIERS, loadReleaseInput } from "../../../src/publish/load-input.ts";
import type { ReleaseInput } from "../../../src/publish/types.ts";

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** The small made-up edition with everything optional given: previous edition, cases, evidence. */
export function smallInput(): ReleaseInput {
  return loadReleaseInput(
    {
      scores: fixture("small-2023.csv"),
      previous: fixture("small-2022.csv"),
      cases: fixture("small-cases.csv"),
      evidence: fixture("small-evidence.csv"),
    },
    { ranking: "dense", tierLadder: DEFAULT_TIERS, publishedTiers: ["卓越", "优秀"], year: 2023 },
  );
}

const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test process ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
