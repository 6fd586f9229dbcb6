import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Writes a set of files into `dir` all or nothing: they go to a staging folder beside it first and
 * are moved in only when every one of them was written, so a failure never leaves half a release.
 */
export function writeAllOrNothing(dir: string, files: ReadonlyMap<string, string | Uint8Array>): string[] {
  const target = resolve(dir);
  const staging = `${target}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [name, data] of files) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
    mkdirSync(target, { recursive: true });
    const written: string[] = [];
    for (const name of files.keys()) {
      const to = join(target, name);
      mkdirSync(dirname(to), { recursive: true });
      if (existsSync(to)) rmSync(to, { force: true });
      renameSync(join(staging, name), to);
      written.push(to);
    }
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
