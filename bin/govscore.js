#!/usr/bin/env node
// Entry for `npx govscore` / a global install. Runs the compiled modules in lib/ (built at install by
// scripts/build-lib.mjs) when they are at least as new as the sources; otherwise the sources through
// tsx, so a command never runs code older than what is on disk.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The compiled tree is current: the same source files, none changed since the build. */
function libIsFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, "lib", ".stamp.json"), "utf8"));
  } catch {
    return false;
  }
  let count = 0;
  const newerThanStamp = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (newerThanStamp(p)) return true;
      } else {
        count++;
        if (statSync(p).mtimeMs > stamp.newest) return true;
      }
    }
    return false;
  };
  return Object.entries(stamp.counts).every(([dir, n]) => {
    count = 0;
    return !newerThanStamp(join(root, dir)) && count === n;
  });
}

let main;
if (process.env.GOVSCORE_FROM_SOURCE !== "1" && libIsFresh()) {
  ({ main } = await import("../lib/cli/main.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv);
