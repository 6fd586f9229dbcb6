// A command left waiting for something nothing will settle ends with a message and status 5
// (ExitCode.internal), not Node's silent status 13.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const guard = fileURLToPath(new URL("../../src/cli/stranded.ts", import.meta.url));

test("the event loop running dry under a pending command is an error with a message and status 5", () => {
  const script = `const { exitWhenStranded } = await import(${JSON.stringify(guard)});
exitWhenStranded();
await new Promise(() => {});`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, GOVSCORE_LANG: "en" },
  });
  assert.equal(r.status, 5, r.stderr);
  assert.match(r.stderr, /internal error: the command stopped before it finished/);

  // Without the guard, Node's own behaviour: status 13 and not a word of ours.
  const bare = spawnSync(process.execPath, ["--input-type=module", "-e", "await new Promise(() => {});"], {
    encoding: "utf8",
  });
  assert.equal(bare.status, 13);
});

test("a command that finishes removes the guard: its status is its own", () => {
  const script = `const { exitWhenStranded } = await import(${JSON.stringify(guard)});
const done = exitWhenStranded();
await new Promise((r) => setTimeout(r, 10));
done();
process.exitCode = 3;`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  assert.equal(r.status, 3, r.stderr);
  assert.equal(r.stderr, "");
});
