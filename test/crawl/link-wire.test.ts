import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { ResolvedLink } from "../../src/crawl/link-resolver.ts";
import { LinkDecoder, LinkEncoder, LinkWireError } from "../../src/crawl/link-wire.ts";

const link = fc.record({
  target: fc.webUrl({ withQueryParameters: true }),
  kind: fc.constantFrom("page", "image", "attachment", "resource", "external" as const),
  tag: fc.constantFrom("a", "img", "script", "link", "iframe", "form"),
  reordered: fc.boolean(),
});

// The pages of a site as one reader thread gives them: links drawn from the objects it remembers,
// some of them equal in content but distinct objects (its memory was cleared in between).
const pagesOf = fc.array(link, { minLength: 1, maxLength: 40 }).chain((pool) => {
  const objects: ResolvedLink[] = pool.map((l) => ({
    target: l.target,
    key: l.reordered ? `${l.target}#key` : l.target,
    kind: l.kind,
    tag: l.tag,
  }));
  // A copy in content, not in identity.
  objects.push(...objects.slice(0, 3).map((o) => ({ ...o })));
  return fc.array(fc.array(fc.constantFrom(...objects), { maxLength: 60 }), { minLength: 1, maxLength: 12 });
});

test("links cross as numbers and come back equal, one object per link object sent", () => {
  fc.assert(
    fc.property(pagesOf, fc.integer({ min: 1, max: 13 }), (pages, every) => {
      const enc = new LinkEncoder();
      const dec = new LinkDecoder();
      const made = new Map<ResolvedLink, ResolvedLink>();
      let defined = 0;
      let expected = 0;
      let seen = new Set<ResolvedLink>();
      for (const [n, page] of pages.entries()) {
        // The resolver drops its memory every `every` pages: numbers start again, and the links of
        // the page that follows are sent in full again.
        const generation = Math.floor(n / every);
        if (n > 0 && n % every === 0) {
          made.clear();
          expected += seen.size;
          seen = new Set();
        }
        for (const l of page) seen.add(l);
        // What postMessage does to the message.
        const wire = structuredClone(enc.encode(page, generation));
        defined += wire.defs.length;
        const back = dec.decode(wire);
        assert.deepEqual(back, page);
        page.forEach((sent, i) => {
          const got = back[i] as ResolvedLink;
          const earlier = made.get(sent);
          if (earlier) assert.equal(got, earlier, "the same link object sent twice is one object on arrival");
          made.set(sent, got);
        });
      }
      // Each distinct object is sent in full once per generation.
      assert.equal(defined, expected + seen.size);
    }),
    { numRuns: 200 },
  );
});

test("a number no message defined is an error, never a wrong link", () => {
  const dec = new LinkDecoder();
  assert.throws(() => dec.decode({ ids: Int32Array.of(0), defs: [] }), LinkWireError);
});
