import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The dictionaries are kept as YAML (commented, with sources) and read by every command that
// inspects, on each thread. Parsing them, and loading the YAML parser at all, cost ~150 ms of CPU
// per thread at start-up; the compiled tree (lib/) carries a JSON copy made by scripts/build-lib.mjs.
const require = createRequire(import.meta.url);

/** Parses YAML text; the parser is loaded on first use only. */
export function parseYaml(text: string): unknown {
  return (require("yaml") as typeof import("yaml")).parse(text);
}

/** The contents of a YAML data file beside a module: its JSON copy when built, else the YAML. */
export function readDataFile(url: URL): unknown {
  try {
    return JSON.parse(readFileSync(new URL(`${url.href}.json`), "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return parseYaml(readFileSync(url, "utf8"));
}
