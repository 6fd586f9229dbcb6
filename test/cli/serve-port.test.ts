import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runCli } from "../support/run-cli.ts";

test("govscore serve on a port already taken: a clear error naming it, exit 4", async () => {
  const dir = await mkdtemp(join(tmpdir(), "govscore-serve-"));
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
  const port = (busy.address() as { port: number }).port;
  try {
    const r = await runCli(["serve", "--port", String(port)], { GOVSCORE_DATA_DIR: join(dir, "db") });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(r.stderr, /端口已被占用/);
    assert.match(r.stderr, /--port/);
  } finally {
    busy.close();
    await rm(dir, { recursive: true, force: true });
  }
});
