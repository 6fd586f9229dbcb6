// A site's waits and the shared slots it queues for: ending a site settles every one of its waits
// at once and gives back every slot, so the sites still running lose nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { HostGate, Semaphore } from "../../src/crawl/gate.ts";
import { SiteEnded, SiteRun } from "../../src/crawl/site-run.ts";

const never = () => new Promise<never>(() => {});

test("ending a site rejects its open waits with SiteEnded and names the oldest one", async () => {
  const run = new SiteRun("http://a.gov.cn/", 60_000);
  const a = run.wait("request", "GET http://a.gov.cn/", never());
  await new Promise((r) => setTimeout(r, 5));
  const b = run.wait("page-reader", "http://a.gov.cn/x", never());
  assert.deepEqual(
    { kind: run.oldestWait()?.kind, what: run.oldestWait()?.what },
    { kind: "request", what: "GET http://a.gov.cn/" },
  );
  run.end("stall", "no progress");
  for (const p of [a, b]) await assert.rejects(p, (e) => e instanceof SiteEnded && e.reason === "stall");
  await assert.rejects(run.wait("request", "later", Promise.resolve(1)), SiteEnded);
  assert.equal(run.oldestWait(), null);
});

test("a finished wait is progress; a site waiting only for shared slots is queued, not stalled", async () => {
  const run = new SiteRun("s", 60_000);
  const before = run.lastProgress;
  await new Promise((r) => setTimeout(r, 5));
  await run.wait("request", "x", Promise.resolve(1));
  assert.ok(run.lastProgress > before);
  const sem = new Semaphore(1);
  await sem.acquire();
  const queued = sem.acquireFor(run, "global-slot", "h");
  assert.equal(run.onlyQueued(), true);
  sem.release();
  await queued;
  sem.release();
});

test("a slot given up by an ended site goes to the next waiter, never lost", async () => {
  for (const grantFirst of [false, true]) {
    const sem = new Semaphore(1);
    await sem.acquire();
    const ended = new SiteRun("ended", 60_000);
    const other = new SiteRun("other", 60_000);
    const lost = sem.acquireFor(ended, "host-slot", "h");
    const next = sem.acquireFor(other, "host-slot", "h");
    // The slot is handed to the ended site's place in the queue just before it ends, or not.
    if (grantFirst) sem.release();
    ended.end("budget", "used up");
    await assert.rejects(lost, SiteEnded);
    if (!grantFirst) sem.release();
    await next;
    sem.release();
    assert.deepEqual(sem.load, { active: 0, waiting: 0 });
  }
});

test("the host gate frees what an ended site held or queued for", async () => {
  const gate = new HostGate(1, 0, 1);
  const run = new SiteRun("s", 60_000);
  // As the crawler does: the request itself is one of the site's waits.
  const holding = gate.run("h", () => run.wait("request", "GET h", never()), 0, run);
  const queued = gate.run("h", async () => "never runs", 0, run);
  run.end("cancelled", "stop");
  await assert.rejects(holding, SiteEnded);
  await assert.rejects(queued, SiteEnded);
  // Another site gets the host and the global slot at once.
  assert.equal(await gate.run("h", async () => "ok", 0, new SiteRun("t", 60_000)), "ok");
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
});
