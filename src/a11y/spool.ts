import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRedirect } from "../crawl/fetch.ts";
import type { Transport } from "../crawl/transport.ts";

interface Entry {
  status: number;
  contentType: string | null;
  location: string | null;
  offset: number;
  length: number;
  recordId: string | null;
}

export interface SpooledPage {
  /** Where the body came from, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  body: Uint8Array;
  recordId: string | null;
}

const looksHtml = (ct: string | null, body: Uint8Array) =>
  ct ? /html|xml\+xhtml/i.test(ct) : /^\s*</.test(Buffer.from(body.subarray(0, 64)).toString("latin1"));

/**
 * The HTML bodies of a crawl, kept on disk rather than in memory: the sample is chosen only
 * once the crawl is over (columns are known then), and holding every page of every site of a
 * run in memory until then is what the crawler is built to avoid. One append-only temporary
 * file per site; `close()` deletes it.
 */
export class BodySpool {
  private readonly dir: string;
  private readonly fd: number;
  private size = 0;
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "govscore-a11y-"));
    this.fd = openSync(join(this.dir, "bodies"), "w+");
  }

  /** Keeps a GET answer: HTML bodies of 2xx answers, and where redirects point. */
  put(
    url: string,
    status: number,
    headers: Record<string, string>,
    body: Uint8Array,
    recordId?: string,
  ): void {
    if (this.closed) return;
    const contentType = headers["content-type"] ?? null;
    if (isRedirect(status)) {
      const location = headers.location ?? null;
      this.entries.set(url, { status, contentType, location, offset: 0, length: 0, recordId: null });
      return;
    }
    if (status < 200 || status >= 300 || body.byteLength === 0 || !looksHtml(contentType, body)) return;
    const offset = this.size;
    writeSync(this.fd, body, 0, body.byteLength, offset);
    this.size += body.byteLength;
    this.entries.set(url, {
      status,
      contentType,
      location: null,
      offset,
      length: body.byteLength,
      recordId: recordId ?? null,
    });
  }

  /** The body a GET of `url` ended on, following the redirects seen during the crawl. */
  get(url: string, maxRedirects = 10): SpooledPage | null {
    let current = url;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const e = this.entries.get(current);
      if (!e) return null;
      if (e.location !== null) {
        try {
          current = new URL(e.location, current).href;
        } catch {
          return null;
        }
        continue;
      }
      const body = new Uint8Array(e.length);
      readSync(this.fd, body, 0, e.length, e.offset);
      return { url: current, status: e.status, contentType: e.contentType, body, recordId: e.recordId };
    }
    return null;
  }

  get bytes(): number {
    return this.size;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.entries.clear();
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Passes every request through and keeps what the accessibility pass will need, so that the
 * sampled pages are analysed from the very bytes the crawl received: no second fetch, and from
 * an archive the same bytes again.
 */
export function spoolingTransport(inner: Transport, spool: BodySpool): Transport {
  return {
    async once(url, method, req = {}) {
      const x = await inner.once(url, method, req);
      if (method === "GET" && !req.discardBody && !req.truncateAt)
        spool.put(x.url, x.status, x.headers, x.body, x.recordId);
      return x;
    },
  };
}
