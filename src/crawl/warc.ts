import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, readdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { WARCParser, WARCRecord, WARCSerializer } from "warcio";
import type { FailureClass } from "../artifacts/types.ts";
import { VERSION } from "../version.ts";
import type { Exchange } from "./fetch.ts";

const WARC_VERSION = "WARC/1.1";
/** Our own WARC header: the measured duration, so that a recheck reproduces `site.slow`. */
const MS_HEADER = "WARC-Govscore-Ms";

export function newRecordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

/** Writes request/response pairs and failure records to one WARC file, in order. */
export class WarcWriter {
  private readonly out: WriteStream;
  private chain: Promise<void> = Promise.resolve();

  constructor(dir: string, name: string) {
    mkdirSync(dir, { recursive: true });
    this.out = createWriteStream(join(dir, `${name}.warc`));
    this.enqueue(async () => {
      const info = await WARCRecord.createWARCInfo(
        { filename: `${name}.warc`, warcVersion: WARC_VERSION },
        { software: `govscore/${VERSION}`, format: "WARC File Format 1.1" },
      );
      return WARCSerializer.serialize(info);
    });
  }

  private enqueue(make: () => Promise<Uint8Array>): void {
    this.chain = this.chain.then(async () => {
      const bytes = await make();
      if (!this.out.write(bytes)) await new Promise<void>((r) => this.out.once("drain", () => r()));
    });
  }

  /** Archives one exchange; returns the response record's id, known before the write lands. */
  exchange(x: Exchange): string {
    const responseId = newRecordId();
    const requestId = newRecordId();
    const date = new Date().toISOString();
    const u = new URL(x.url);
    this.enqueue(async () => {
      const req = await WARCRecord.create(
        {
          url: x.url,
          date,
          type: "request",
          warcVersion: WARC_VERSION,
          warcHeaders: { "WARC-Record-ID": requestId, "WARC-Concurrent-To": responseId },
          statusline: `${x.method} ${u.pathname}${u.search} HTTP/1.1`,
          httpHeaders: { host: u.host, ...x.requestHeaders },
        },
        (async function* () {})(),
      );
      const body = x.body;
      const res = await WARCRecord.create(
        {
          url: x.url,
          date,
          type: "response",
          warcVersion: WARC_VERSION,
          warcHeaders: { "WARC-Record-ID": responseId, [MS_HEADER]: String(x.ms) },
          statusline: `HTTP/1.1 ${x.status}`,
          httpHeaders: x.headers,
        },
        (async function* () {
          if (body.byteLength) yield body;
        })(),
      );
      const a = await WARCSerializer.serialize(req);
      const b = await WARCSerializer.serialize(res);
      const both = new Uint8Array(a.byteLength + b.byteLength);
      both.set(a, 0);
      both.set(b, a.byteLength);
      return both;
    });
    return responseId;
  }

  /** Archives a request that got no response (timeout, refused…), as a metadata record. */
  failure(url: string, method: string, failure: FailureClass, message: string): string {
    const id = newRecordId();
    const date = new Date().toISOString();
    this.enqueue(async () => {
      const rec = await WARCRecord.create(
        {
          url,
          date,
          type: "metadata",
          warcVersion: WARC_VERSION,
          warcHeaders: { "WARC-Record-ID": id, "Content-Type": "application/json" },
        },
        (async function* () {
          yield new TextEncoder().encode(JSON.stringify({ govscore: "failure", method, failure, message }));
        })(),
      );
      return WARCSerializer.serialize(rec);
    });
    return id;
  }

  /** Run parameters the recheck needs (site, as-of, limits), as a metadata record. */
  runInfo(info: unknown): void {
    this.json("urn:govscore:run", "run", info);
  }

  /**
   * What the site-level steps learned without an HTTP exchange to archive (DNS answers, the
   * certificate, fetches over one address family), as a metadata record: a recheck restores it.
   */
  siteFacts(facts: unknown): void {
    this.json("urn:govscore:site-facts", "site-facts", facts);
  }

  private json(url: string, kind: string, data: unknown): void {
    const id = newRecordId();
    this.enqueue(async () => {
      const rec = await WARCRecord.create(
        {
          url,
          date: new Date().toISOString(),
          type: "metadata",
          warcVersion: WARC_VERSION,
          warcHeaders: { "WARC-Record-ID": id, "Content-Type": "application/json" },
        },
        (async function* () {
          yield new TextEncoder().encode(JSON.stringify({ govscore: kind, ...(data as object) }));
        })(),
      );
      return WARCSerializer.serialize(rec);
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await new Promise<void>((r) => this.out.end(r));
  }
}

export interface ArchivedExchange extends Exchange {
  recordId: string;
}
export interface ArchivedFailure {
  url: string;
  method: string;
  failure: FailureClass;
  message: string;
  recordId: string;
}

export interface Archive {
  exchanges: Map<string, ArchivedExchange>;
  failures: Map<string, ArchivedFailure>;
  runs: Record<string, unknown>[];
  /** The site-level facts of each site (`WarcWriter.siteFacts`), with its `index`. */
  siteFacts: Record<string, unknown>[];
}

const key = (method: string, url: string) => `${method} ${url}`;

/** Reads every `.warc` file of a directory into lookup tables for replay. */
export async function readArchive(dir: string): Promise<Archive> {
  const archive: Archive = { exchanges: new Map(), failures: new Map(), runs: [], siteFacts: [] };
  const pendingRequests = new Map<string, { method: string; headers: Record<string, string> }>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".warc") || n.endsWith(".warc.gz"))
    .sort()) {
    const parser = new WARCParser(createReadStream(join(dir, f)));
    for await (const rec of parser) {
      const type = rec.warcType;
      const id = rec.warcHeader("WARC-Record-ID") ?? "";
      const url = rec.warcTargetURI ?? "";
      if (type === "request") {
        const to = rec.warcHeader("WARC-Concurrent-To") ?? "";
        const method = rec.httpHeaders?.method ?? "GET";
        const headers: Record<string, string> = {};
        for (const [k, v] of rec.httpHeaders?.headers ?? []) headers[k.toLowerCase()] = v;
        pendingRequests.set(to, { method, headers });
        await rec.readFully();
      } else if (type === "response") {
        const body = await rec.readFully(false);
        const req = pendingRequests.get(id);
        pendingRequests.delete(id);
        const method = (req?.method ?? "GET") as "GET" | "HEAD";
        const headers: Record<string, string> = {};
        for (const [k, v] of rec.httpHeaders?.headers ?? []) headers[k.toLowerCase()] = v;
        archive.exchanges.set(key(method, url), {
          url,
          method,
          status: Number(rec.httpHeaders?.statusCode ?? 0),
          headers,
          body,
          ms: Number(rec.warcHeader(MS_HEADER) ?? 0),
          requestHeaders: req?.headers ?? {},
          recordId: id,
        });
      } else if (type === "metadata") {
        const text = new TextDecoder().decode(await rec.readFully(false));
        try {
          const j = JSON.parse(text) as {
            govscore?: string;
            method?: string;
            failure?: FailureClass;
            message?: string;
          };
          if (j.govscore === "failure" && j.method && j.failure) {
            const k = key(j.method, url);
            archive.failures.set(k, {
              url,
              method: j.method,
              failure: j.failure,
              message: j.message ?? "",
              recordId: id,
            });
          } else if (j.govscore === "run") archive.runs.push(j as Record<string, unknown>);
          else if (j.govscore === "site-facts") archive.siteFacts.push(j as Record<string, unknown>);
        } catch {
          // Someone else's metadata: not ours to read.
        }
      } else {
        await rec.readFully();
      }
    }
  }
  return archive;
}

export function archiveKey(method: string, url: string): string {
  return key(method, url);
}

/** The part of a WARC file name that names its site (its host and port, made file-safe). */
export function warcSiteName(site: string): string {
  try {
    return new URL(site).host.replace(/[^a-zA-Z0-9.-]/g, "_");
  } catch {
    return "site";
  }
}

export interface FoundRecord {
  file: string;
  type: string;
  url: string;
  date: string | null;
  status: number | null;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * One record by its WARC-Record-ID, read from the files of `dir` whose names contain `hint`
 * (a site's host: each site's archive is its own file), stopping at the first match.
 */
export async function findRecord(dir: string, recordId: string, hint = ""): Promise<FoundRecord | null> {
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (n) => (n.endsWith(".warc") || n.endsWith(".warc.gz")) && n.includes(hint),
    );
  } catch {
    return null;
  }
  for (const f of files.sort()) {
    const parser = new WARCParser(createReadStream(join(dir, f)));
    for await (const rec of parser) {
      if (rec.warcHeader("WARC-Record-ID") !== recordId) {
        await rec.readFully();
        continue;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of rec.httpHeaders?.headers ?? []) headers[k.toLowerCase()] = v;
      const status = rec.httpHeaders?.statusCode;
      return {
        file: f,
        type: rec.warcType ?? "",
        url: rec.warcTargetURI ?? "",
        date: rec.warcDate ?? null,
        status: status === undefined || status === null ? null : Number(status),
        headers,
        body: await rec.readFully(false),
      };
    }
  }
  return null;
}
