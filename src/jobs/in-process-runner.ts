import { setTimeout as sleep } from "node:timers/promises";
import type { TaskContext, TaskDefinition, TaskOutcome } from "./task.ts";

export interface RunOptions {
  /** How many tasks run at once. */
  concurrency?: number;
  /** Attempts per task for transient failures (first try included). */
  maxAttempts?: number;
  /** Base of the exponential back-off between attempts, in ms. */
  backoffMs?: number;
  signal?: AbortSignal;
  /** Called after every finished task: done count, total, the outcome. */
  onSettled?(done: number, total: number, outcome: TaskOutcome<unknown>): void;
}

export interface QueuedTask<P> {
  /** Unique key of the job within the run (e.g. the site URL): a key is run once. */
  key: string;
  payload: P;
}

/**
 * Runs tasks in this process with bounded concurrency and retries for transient failures.
 * Payloads go through JSON and the task's schema exactly as they would on a queue, so a task
 * that works here works on a worker.
 */
export async function runInProcess<P, R>(
  task: TaskDefinition<P, R>,
  jobs: readonly QueuedTask<P>[],
  opts: RunOptions = {},
): Promise<TaskOutcome<R>[]> {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
  const backoffMs = opts.backoffMs ?? 500;
  const byKey = new Map<string, QueuedTask<P>>();
  for (const job of jobs) if (!byKey.has(job.key)) byKey.set(job.key, job);
  const unique = [...byKey.values()];
  const outcomes: TaskOutcome<R>[] = new Array(unique.length);
  let next = 0;
  let done = 0;

  async function runOne(index: number): Promise<void> {
    const job = unique[index] as QueuedTask<P>;
    // A payload that fails its schema is a permanent failure of that job, as on a queue.
    const parsed = task.payload.safeParse(JSON.parse(JSON.stringify(job.payload)));
    if (!parsed.success) {
      outcomes[index] = {
        key: job.key,
        ok: false,
        error: `invalid payload: ${parsed.error.message}`,
        attempts: 0,
      };
      return;
    }
    const payload = parsed.data;
    let attempt = 0;
    for (;;) {
      attempt++;
      const ctx: TaskContext = {
        attempt,
        signal: opts.signal ?? new AbortController().signal,
        progress: () => {},
      };
      try {
        const result = await task.run(payload, ctx);
        outcomes[index] = { key: job.key, ok: true, result, attempts: attempt };
        return;
      } catch (error) {
        const transient = task.isTransient?.(error) ?? false;
        if (!transient || attempt >= maxAttempts || opts.signal?.aborted) {
          outcomes[index] = {
            key: job.key,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
            attempts: attempt,
          };
          return;
        }
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  async function lane(): Promise<void> {
    while (next < unique.length && !opts.signal?.aborted) {
      const index = next++;
      await runOne(index);
      done++;
      opts.onSettled?.(done, unique.length, outcomes[index] as TaskOutcome<unknown>);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, lane));
  return outcomes.filter(Boolean);
}
