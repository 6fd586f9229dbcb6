import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { runInProcess } from "../../src/jobs/in-process-runner.ts";
import { defineTask } from "../../src/jobs/task.ts";

class Flaky extends Error {}

describe("in-process task runner", () => {
  test("retries transient failures with back-off, fails permanent ones at once, runs each key once", async () => {
    const calls = new Map<string, number>();
    const task = defineTask({
      name: "test.echo",
      payload: z.object({ site: z.string(), failTimes: z.number().int(), permanent: z.boolean() }),
      isTransient: (e) => e instanceof Flaky,
      async run(p) {
        const n = (calls.get(p.site) ?? 0) + 1;
        calls.set(p.site, n);
        if (p.permanent) throw new Error(`permanent ${p.site}`);
        if (n <= p.failTimes) throw new Flaky(`flaky ${p.site}`);
        return { site: p.site, attempt: n };
      },
    });
    const outcomes = await runInProcess(
      task,
      [
        { key: "a", payload: { site: "a", failTimes: 0, permanent: false } },
        { key: "b", payload: { site: "b", failTimes: 2, permanent: false } },
        { key: "c", payload: { site: "c", failTimes: 5, permanent: false } },
        { key: "d", payload: { site: "d", failTimes: 0, permanent: true } },
        { key: "a", payload: { site: "a", failTimes: 0, permanent: false } },
      ],
      { maxAttempts: 3, backoffMs: 1, concurrency: 2 },
    );
    assert.deepEqual(
      outcomes.map((o) => [o.key, o.ok, o.attempts]),
      [
        ["a", true, 1],
        ["b", true, 3],
        ["c", false, 3],
        ["d", false, 1],
      ],
    );
    assert.equal(outcomes[2]?.error, "flaky c");
    assert.equal(calls.get("a"), 1);
  });

  test("never runs more tasks at once than its concurrency", async () => {
    let running = 0;
    let peak = 0;
    const task = defineTask({
      name: "test.sleep",
      payload: z.object({ ms: z.number() }),
      async run(p) {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, p.ms));
        running--;
        return null;
      },
    });
    const jobs = Array.from({ length: 12 }, (_, i) => ({ key: String(i), payload: { ms: 5 } }));
    const settled: number[] = [];
    await runInProcess(task, jobs, { concurrency: 3, onSettled: (done) => settled.push(done) });
    assert.equal(peak, 3);
    assert.deepEqual(
      settled,
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
  });

  test("payloads pass through JSON and the schema, as they would through a queue", async () => {
    const task = defineTask({
      name: "test.schema",
      payload: z.object({ when: z.string(), n: z.number() }),
      async run(p) {
        return typeof p.when;
      },
    });
    const [ok] = await runInProcess(task, [
      { key: "k", payload: { when: new Date(0) as unknown as string, n: 1 } },
    ]);
    assert.equal(ok?.result, "string", "a Date becomes its JSON string");
    const [bad] = await runInProcess(task, [
      { key: "bad", payload: { when: "x", n: "1" as unknown as number } },
    ]);
    assert.equal(bad?.ok, false);
    assert.equal(bad?.attempts, 0);
    assert.match(bad?.error ?? "", /invalid payload.*expected number/is);
  });
});
