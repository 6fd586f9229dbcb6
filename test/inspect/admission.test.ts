import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { admitEach } from "../../src/inspect/admission.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("admission: every site runs once, in order, within the count and the pages held", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ cost: fc.integer({ min: 0, max: 5_000 }), holds: fc.nat(5_000), ms: fc.nat(4) }), {
        maxLength: 40,
      }),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 20_000 }),
      async (sites, maxAtOnce, budget) => {
        const started: number[] = [];
        const held = new Map<number, number>();
        let running = 0;
        const within = () => {
          assert.ok(running <= maxAtOnce, `${running} running, at most ${maxAtOnce}`);
          const sum = [...held.values()].reduce((a, b) => a + b, 0);
          if (running > 1) assert.ok(sum <= budget, `${sum} pages held, budget ${budget}`);
        };
        await admitEach(sites, { maxAtOnce, budget, cost: (s) => s.cost }, async (s, i, hold) => {
          started.push(i);
          running++;
          held.set(i, s.cost);
          within();
          await tick(s.ms);
          // Its crawl is over: it holds what it fetched, never more than it was admitted for.
          held.set(i, Math.min(s.cost, s.holds));
          hold(s.holds);
          within();
          await tick(s.ms);
          held.delete(i);
          running--;
        });
        assert.deepEqual(
          started,
          sites.map((_, i) => i),
        );
        assert.equal(running, 0);
      },
    ),
    { numRuns: 60 },
  );
});

test("admission: a site bigger than the budget runs alone, and others follow it", async () => {
  const order: string[] = [];
  await admitEach([9_000, 100, 100], { maxAtOnce: 4, budget: 1_000, cost: (c) => c }, async (c) => {
    order.push(`start ${c}`);
    await tick(5);
    order.push(`end ${c}`);
  });
  assert.deepEqual(order, ["start 9000", "end 9000", "start 100", "start 100", "end 100", "end 100"]);
});

test("admission: a site that is done crawling makes room for the next", { timeout: 10_000 }, async () => {
  const order: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  await admitEach(["a", "b"], { maxAtOnce: 4, budget: 500, cost: () => 400 }, async (name, _i, hold) => {
    order.push(`start ${name}`);
    if (name === "a") {
      await tick(5);
      hold(50); // a's crawl ended with 50 pages: 450 held, room for b
      await gate;
    } else release();
    order.push(`end ${name}`);
  });
  assert.deepEqual(order, ["start a", "start b", "end b", "end a"]);
});

test("admission: the first failure rejects and no further site starts", async () => {
  const started: number[] = [];
  await assert.rejects(
    admitEach([1, 2, 3, 4], { maxAtOnce: 1, budget: Number.POSITIVE_INFINITY, cost: () => 1 }, async (n) => {
      started.push(n);
      if (n === 2) throw new Error("boom");
    }),
    /boom/,
  );
  await tick(5);
  assert.deepEqual(started, [1, 2]);
});

test("admission: nothing to run settles at once", async () => {
  await admitEach([], { maxAtOnce: 1, budget: 1, cost: () => 1 }, async () => {});
});
