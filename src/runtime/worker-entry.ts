import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on the module `file` (a path relative to `base`, the caller's
 * `import.meta.url`, written with its `.ts` extension). Compiled (lib/), the thread loads the
 * compiled module itself; from the sources, a thread does not inherit the tsx loader of the thread
 * that starts it, so it registers tsx before importing the module.
 */
export function startWorker(base: string, file: string, options: WorkerOptions = {}): Worker {
  if (!base.endsWith(".ts")) return new Worker(new URL(file.replace(/\.ts$/, ".js"), base), options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL(file, base).href;
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(source, { ...options, eval: true });
}
