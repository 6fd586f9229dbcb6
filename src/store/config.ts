import { resolve } from "node:path";

export type StoreConfig =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" };

/**
 * Where the data lives: a Postgres server when DATABASE_URL is a postgres:// address, else the
 * embedded PGlite database in GOVSCORE_DATA_DIR (default ./.govscore).
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): StoreConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `DATABASE_URL 必须以 postgres:// 开头 (DATABASE_URL must start with postgres://): ${redactUrl(url)}`,
      );
    }
    return { kind: "postgres", url };
  }
  const dir = env.GOVSCORE_DATA_DIR?.trim() || ".govscore";
  if (dir === ":memory:") return { kind: "pglite-memory" };
  return { kind: "pglite", dataDir: resolve(cwd, dir) };
}

/** Hides the password of a connection URL before it is printed or logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
  }
}

export function describeStore(config: StoreConfig): string {
  switch (config.kind) {
    case "postgres":
      return `Postgres ${redactUrl(config.url)}`;
    case "pglite":
      return `PGlite ${config.dataDir}`;
    case "pglite-memory":
      return "PGlite (in memory)";
  }
}
