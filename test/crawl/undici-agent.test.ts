import assert from "node:assert/strict";
import { test } from "node:test";
import { Agent as Index } from "undici";
import { Agent } from "../../src/crawl/undici-agent.ts";

test("the Agent loaded on its own is the class undici's index exports", () => {
  // A new undici that moved the module would fail here, not in a user's crawl.
  assert.equal(Agent, Index);
  const a = new Agent({ connections: 1 });
  assert.equal(typeof a.dispatch, "function");
  return a.close();
});
