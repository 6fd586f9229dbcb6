import type { Command } from "commander";

type Module = () => Promise<{ register(program: Command): void }>;

/**
 * Every subcommand module, in the order `govscore --help` lists them. Each is imported only when
 * it is the command being run: a command must not pay, at every start, for the modules of all the
 * others (the web server, the database, the browser).
 */
const modules: Record<string, Module> = {
  demo: () => import("./demo.ts"),
  registry: () => import("./registry.ts"),
  db: () => import("./db.ts"),
  score: () => import("./score.ts"),
  uncertainty: () => import("./uncertainty.ts"),
  explain: () => import("./explain.ts"),
  framework: () => import("./framework.ts"),
  inspect: () => import("./inspect.ts"),
  recheck: () => import("./recheck.ts"),
  checks: () => import("./checks.ts"),
  evaluation: () => import("./evaluation.ts"),
  release: () => import("./release.ts"),
  serve: () => import("./serve.ts"),
  monitor: () => import("./monitor.ts"),
  worker: () => import("./worker.ts"),
};

/**
 * Registers the command named in `argv` (its first word that is not an option), or every command
 * when there is none or it is unknown (--help, a typo that commander then answers with a suggestion).
 */
export async function registerFor(program: Command, argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const name = args.find((a) => !a.startsWith("-"));
  const versionOnly = name === undefined && args.some((a) => a === "-V" || a === "--version");
  const chosen =
    name !== undefined && Object.hasOwn(modules, name) ? [name] : versionOnly ? [] : Object.keys(modules);
  const loaded = await Promise.all(chosen.map((n) => (modules[n] as Module)()));
  for (const m of loaded) m.register(program);
}

/** Every command (tests of the whole command tree). */
export async function registerAll(program: Command): Promise<void> {
  await registerFor(program, []);
}
