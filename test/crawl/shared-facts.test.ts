import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { SharedFacts, withTag } from "../../src/crawl/shared-facts.ts";

test("equal facts come back as one instance, different ones as given", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record(
          { icp: fc.constantFrom("京ICP备1号", "蜀ICP备2号", null), n: fc.nat(3) },
          { noNullPrototype: true },
        ),
      ),
      (xs) => {
        const s = new SharedFacts();
        const out = xs.map((x) => s.same(structuredClone(x)));
        out.forEach((o, i) => {
          assert.deepEqual(o, xs[i]);
          out.forEach((p, j) => {
            if (JSON.stringify(xs[i]) === JSON.stringify(xs[j])) assert.equal(o, p);
            else assert.notEqual(o, p);
          });
        });
      },
    ),
  );
});

test("past its bound it remembers no more but still answers", () => {
  const s = new SharedFacts(2);
  const a = s.same({ a: 1 });
  s.same({ b: 1 });
  const c = { c: 1 };
  assert.equal(s.same(c), c);
  assert.notEqual(s.same({ c: 1 }), c, "a third value is not remembered");
  assert.equal(s.same({ a: 1 }), a);
  assert.equal(s.text("text/html"), "text/html");
});

test("tag sets are shared per combination and never mutated", () => {
  const empty: string[] = [];
  const a1 = withTag(empty, "a");
  const a2 = withTag([], "a");
  assert.equal(a1, a2);
  assert.deepEqual(empty, []);
  const ai = withTag(a1, "img");
  assert.deepEqual(ai, ["a", "img"]);
  assert.deepEqual(a1, ["a"]);
  assert.equal(withTag(ai, "a"), ai);
  assert.equal(withTag(withTag([], "a"), "img"), ai);
});
