import { existsSync } from "node:fs";

/** Debian's Chromium; we never download a browser. GOVSCORE_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.GOVSCORE_CHROMIUM ?? "/usr/bin/chromium";

export function chromiumAvailable(path = CHROMIUM_PATH): boolean {
  return existsSync(path);
}
