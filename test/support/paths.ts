import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root, whatever the working directory of the test run. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Where the shared reference data lives: beside the checkout (../shared), or where
 * GOVSCORE_SHARED_DIR says when the checkout is elsewhere (a git worktree in /tmp).
 */
const SHARED = process.env.GOVSCORE_SHARED_DIR
  ? `${process.env.GOVSCORE_SHARED_DIR.replace(/\/$/, "")}/`
  : fileURLToPath(new URL("../../../shared/", import.meta.url));
export const SHARED_DATA = `${SHARED}data/`;
export const SHARED_SEED = `${SHARED}seed/`;

/** A skip reason when a shared file is absent (a user's clone has no ../shared). */
export function sharedMissing(path: string): string | undefined {
  return existsSync(path) ? undefined : `shared reference data absent: ${path}`;
}
