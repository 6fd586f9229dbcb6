import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { after, before, test } from "node:test";
import { createDispatcher, FetchFailure, type FetchOptions, fetchOnce } from "../../src/crawl/fetch.ts";

// A body trickling one byte every 50 ms never trips the body-idle timeout: only the total cap
// stops it. A quick page on the same server must not be cut by the timer that cuts the other.
let server: Server;
let base = "";
before(async () => {
  server = createServer((req, res) => {
    if (req.url === "/trickle") {
      res.writeHead(200, { "content-type": "text/html" });
      const t = setInterval(() => res.write("x"), 50);
      res.on("close", () => clearInterval(t));
      return;
    }
    res.end("<title>ok</title>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const options: FetchOptions = {
  connectTimeoutMs: 1000,
  headersTimeoutMs: 1000,
  bodyTimeoutMs: 1000,
  totalTimeoutMs: 600,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 5,
  userAgent: "govscore-test",
  policy: { allowPrivate: true },
  resolver: async () => [{ address: "127.0.0.1", family: 4 }],
};

test("the total timeout cuts a trickling body; a quick answer beside it is whole", {
  timeout: 10_000,
}, async () => {
  const d = createDispatcher(options);
  try {
    const t0 = performance.now();
    const [slow, quick] = await Promise.allSettled([
      fetchOnce(`${base}/trickle`, "GET", options, d),
      fetchOnce(`${base}/`, "GET", options, d),
    ]);
    const ms = performance.now() - t0;
    assert.equal(slow.status, "rejected");
    const e = (slow as PromiseRejectedResult).reason;
    assert.ok(e instanceof FetchFailure, String(e));
    assert.equal(e.failure, "timeout");
    // Cut at the cap, give or take the sweep interval and a busy machine.
    assert.ok(ms >= 550 && ms < 2000, `took ${ms} ms`);
    assert.equal(quick.status, "fulfilled");
    assert.equal(
      Buffer.from((quick as PromiseFulfilledResult<{ body: Uint8Array }>).value.body).toString(),
      "<title>ok</title>",
    );
    // A discarded body is cut the same way, and still reports the status it had.
    const head = await fetchOnce(`${base}/trickle`, "GET", options, d, { discardBody: true });
    assert.equal(head.status, 200);
  } finally {
    await d.destroy();
  }
});

test("response headers: repeated ones joined, chunked bodies whole, a __proto__ header dropped", async () => {
  // A raw server: node's own would not send a header named __proto__.
  const raw = createNetServer((sock) => {
    sock.once("data", () => {
      sock.end(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Seen: a\r\nX-Seen: b\r\n__proto__: polluted\r\n" +
          "Constructor: c\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
          "5\r\n<titl\r\n9\r\ne>ok</tit\r\n3\r\nle>\r\n0\r\n\r\n",
      );
    });
  });
  await new Promise<void>((r) => raw.listen(0, "127.0.0.1", () => r()));
  const d = createDispatcher(options);
  try {
    const x = await fetchOnce(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/`, "GET", options, d);
    assert.equal(x.status, 200);
    assert.equal(Buffer.from(x.body).toString(), "<title>ok</title>");
    assert.equal(x.headers["x-seen"], "a, b");
    assert.equal(x.headers.constructor, "c");
    assert.equal(x.headers["transfer-encoding"], undefined);
    assert.equal(Object.getPrototypeOf(x.headers), Object.prototype);
    assert.ok(!Object.hasOwn(x.headers, "__proto__"));
  } finally {
    await d.destroy();
    raw.close();
  }
});
