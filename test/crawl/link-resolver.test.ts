import assert from "node:assert/strict";
import { test } from "node:test";
import { LinkResolver } from "../../src/crawl/link-resolver.ts";
import { classifyTarget, resolveLink, scopeOf, urlKey } from "../../src/links/url.ts";

// The resolver remembers answers; a remembered answer must be the one computing it afresh gives,
// whatever page (base URL, origin) or element the same raw href appears on next.
test("remembered link answers equal fresh ones across pages, origins and tags", () => {
  const inScope = scopeOf("http://www.a.gov.cn/");
  const hrefs = [
    "/col/1/index.html",
    "2.html",
    "../x.pdf",
    "//b.gov.cn/y",
    "http://www.a.gov.cn/z?b=1&a=2",
    "#",
    "javascript:;",
    " /pic.jpg ",
  ];
  const bases = [
    "http://www.a.gov.cn/",
    "http://www.a.gov.cn/art/c1/1.html",
    "http://www.a.gov.cn/art/c2/sub/3.html",
    "https://www.a.gov.cn/art/c1/1.html",
    "http://www.a.gov.cn:8080/art/c1/1.html",
  ];
  const tags = ["a", "img", "script"];
  // A large memory keeps every answer; a small one is cleared again and again.
  for (const max of [1000, 7]) {
    const r = new LinkResolver(inScope, max);
    for (let round = 0; round < 2; round++)
      for (const href of hrefs)
        for (const base of bases)
          for (const tag of tags) {
            const target = resolveLink(href, base);
            const expected = target
              ? { target, key: urlKey(target), kind: classifyTarget(target, tag, inScope), tag }
              : null;
            assert.deepEqual(r.resolve(href, tag, r.base(base)), expected, `${tag} ${href} on ${base}`);
          }
  }
});
