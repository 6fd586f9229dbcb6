import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** The system Chromium (Debian's package); GOVSCORE_CHROMIUM points elsewhere. Never downloaded. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = env.GOVSCORE_CHROMIUM?.trim() || "/usr/bin/chromium";
  return existsSync(path) ? path : undefined;
}

/**
 * Flags Chromium needs here: as root without a sandbox, no GPU, and none of the background
 * traffic (QUIC, component updates, sync) that would hammer a closed network.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}
