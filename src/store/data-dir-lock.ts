import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite has one backend per process and does not guard its files: two processes opening one
 * data folder would corrupt it. A lock file with the owner's pid keeps a second process out and
 * is taken over when its owner is gone.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "govscore.lock");
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, "utf8") === String(process.pid)) rmSync(path);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8"));
      if (owner === process.pid) {
        throw new Error(`数据目录已被本进程打开 (the data folder is already open in this process): ${dir}`);
      }
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new Error(
          `数据目录正被进程 ${owner} 使用 (the data folder ${dir} is in use by process ${owner}); ` +
            "stop it, or use a Postgres server (DATABASE_URL) for several processes",
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 (could not lock the data folder): ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
