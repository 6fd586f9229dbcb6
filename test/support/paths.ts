import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root, whatever the working directory of the test run. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where the shared reference data lives beside the checkout (../shared/data). */
export const SHARED_DATA = fileURLToPath(new URL("../../../shared/data/", import.meta.url));
export const SHARED_SEED = fileURLToPath(new URL("../../../shared/seed/", import.meta.url));

/** A skip reason when a shared file is absent (a user's clone has no ../shared). */
export function sharedMissing(path: string): string | undefined {
  return existsSync(path) ? undefined : `shared reference data absent: ${path}`;
}
