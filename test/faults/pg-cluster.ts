import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/paths.ts";

/** Why a private Postgres cluster cannot be started here (undefined when it can). */
export function clusterUnavailable(): string | undefined {
  const base = "/usr/lib/postgresql";
  const has = existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, "bin/initdb")));
  if (has) return undefined;
  const why = "postgresql is not installed (apt-get install -y postgresql; .ci/run does it)";
  if (process.env.CI) throw new Error(`fault tests need a Postgres server in CI: ${why}`);
  return why;
}

/**
 * A Postgres cluster of the fault tests' own, on its own port and folder: restarting it must not
 * disturb the server the other tests share.
 */
export function startCluster(port: number): { url: string; restart(): void; stop(): void } {
  const dir = `/tmp/govscore-fault-pg-${port}`;
  const env = { ...process.env, GOVSCORE_TEST_PG_PORT: String(port), GOVSCORE_TEST_PG_DIR: dir };
  const bin = readdirSync("/usr/lib/postgresql")
    .map((v) => join("/usr/lib/postgresql", v, "bin"))
    .filter((b) => existsSync(join(b, "pg_ctl")))
    .sort()
    .at(-1) as string;
  const pgCtl = (...args: string[]) => {
    const cmd = [join(bin, "pg_ctl"), "-D", join(dir, "data"), ...args];
    if (process.getuid?.() === 0)
      execFileSync("runuser", ["-u", "postgres", "--", ...cmd], { stdio: "ignore" });
    else execFileSync(cmd[0] as string, cmd.slice(1), { stdio: "ignore" });
  };
  // A run that was killed leaves its cluster and data behind: start from nothing every time.
  if (existsSync(join(dir, "data"))) {
    try {
      pgCtl("stop", "-m", "immediate", "-w");
    } catch {
      // not running
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const out = execFileSync(join(ROOT, "scripts/postgres-for-tests.sh"), { env, encoding: "utf8" });
  const url = /GOVSCORE_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`no URL from postgres-for-tests.sh: ${out}`);
  return {
    url,
    restart: () => pgCtl("restart", "-m", "fast", "-w"),
    stop: () => pgCtl("stop", "-m", "fast", "-w"),
  };
}
