import type { z } from "zod";

/**
 * A unit of long work (crawl one site, score one evaluation). Payloads and results are plain
 * JSON, validated on both sides, so that the same task can run in this process today and on a
 * Postgres-backed queue with workers on other machines later, unchanged.
 */
export interface TaskDefinition<P, R> {
  /** Stable identifier: queue rows and logs refer to it. */
  readonly name: string;
  readonly payload: z.ZodType<P>;
  /** Runs the work. Must not rely on anything but the payload and the context. */
  run(payload: P, ctx: TaskContext): Promise<R>;
  /** Failures that are worth retrying (network hiccups); others fail at once. */
  isTransient?(error: unknown): boolean;
}

export interface TaskContext {
  /** Reports progress within the task, 0..1, for progress bars and run dashboards. */
  progress(fraction: number, note?: string): void;
  /** Aborted when the run is cancelled or the worker shuts down. */
  signal: AbortSignal;
  /** Attempt number, starting at 1. */
  attempt: number;
}

export function defineTask<P, R>(def: TaskDefinition<P, R>): TaskDefinition<P, R> {
  return def;
}

export interface TaskOutcome<R> {
  key: string;
  ok: boolean;
  result?: R;
  error?: string;
  attempts: number;
}
