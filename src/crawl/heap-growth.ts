import { setFlagsFromString } from "node:v8";

/**
 * How far past its live data the heap of a crawling process may grow before V8 collects it, in
 * percent. With pages read in threads, the crawler's own thread allocates fast but keeps little
 * (about 70 MB over 1,000 sites), and V8's own sizing let garbage pile up to three times that:
 * 350 MB of RSS where 240 MB do (docs/inspection.md, "Memory").
 */
export const HEAP_GROWTH_PERCENT = 50;

/** Node flags by which a user has already sized the heap: theirs is kept. */
const USER_SIZING = /--(heap-growing-percent|heap_growing_percent|max-old-space-size|max_old_space_size)\b/;

/** The V8 flag to set, or null where the user sized the heap (command line or NODE_OPTIONS). */
export function heapGrowthFlag(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
  percent = HEAP_GROWTH_PERCENT,
): string | null {
  if (execArgv.some((a) => USER_SIZING.test(a)) || USER_SIZING.test(nodeOptions ?? "")) return null;
  return `--heap-growing-percent=${percent}`;
}

let bounded = false;

/**
 * Bounds the heap's growth for the rest of the process (V8 reads the flag at every collection).
 * Once per process; a no-op where the user sized the heap.
 */
export function boundHeapGrowth(): void {
  if (bounded) return;
  bounded = true;
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag) setFlagsFromString(flag);
}
