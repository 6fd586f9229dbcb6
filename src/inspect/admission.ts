export interface Admission<T> {
  /** Sites running at once, at most. */
  maxAtOnce: number;
  /** Pages the running sites may hold together, at most (Infinity: no bound). */
  budget: number;
  /** Pages a site may come to hold while it crawls (its `maxPages`). */
  cost: (item: T, index: number) => number;
}

/**
 * Runs `fn` over `items` in order, as many at once as the admission allows. A site counts for its
 * `maxPages` while it crawls, and for the pages it holds once its crawl is over (`hold(n)`: its
 * link checks and checks add no pages), so a big site in its link checks makes room for the next.
 * A site is always admitted when none runs: one bigger than the budget still runs, alone. Settles
 * when every `fn` has; rejects with the first error of one, starting no more.
 */
export function admitEach<T>(
  items: readonly T[],
  a: Admission<T>,
  fn: (item: T, index: number, hold: (pages: number) => void) => Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = 0;
    let held = 0;
    let failed = false;
    /** The cost of `items[next]`, asked once however often it waits for room. */
    let nextCost: number | null = null;
    const pump = () => {
      while (!failed && next < items.length && running < a.maxAtOnce) {
        const i = next;
        nextCost ??= Math.max(0, a.cost(items[i] as T, i));
        const cost = nextCost;
        if (running > 0 && held + cost > a.budget) break;
        nextCost = null;
        next++;
        running++;
        held += cost;
        let mine = cost;
        const hold = (pages: number) => {
          const to = Math.max(0, Math.min(mine, pages));
          held -= mine - to;
          mine = to;
          pump();
        };
        fn(items[i] as T, i, hold).then(
          () => {
            held -= mine;
            mine = 0;
            running--;
            if (running === 0 && (failed || next >= items.length)) {
              if (!failed) resolve();
              return;
            }
            pump();
          },
          (e: unknown) => {
            held -= mine;
            mine = 0;
            running--;
            if (!failed) {
              failed = true;
              reject(e);
            }
          },
        );
      }
    };
    if (items.length === 0) resolve();
    else pump();
  });
}
