import type { ResolvedLink } from "./link-resolver.ts";

/**
 * A page's links as they cross from a reader thread to the crawler. Most links of a CMS page
 * (navigation, footer, sidebars) repeat on every page of its site: sent as objects, each page
 * cost the reader a copy of every URL, the crawler a fresh string per URL to hash again in its
 * link table and frontier, and both a share of their garbage collection. A link is sent in full
 * the first time a reader thread gives it for a site, then as its number; the crawler's side
 * turns numbers back into the one object it keeps for each, so its tables meet the same strings
 * again (hashes cached) and can remember what they made of that object.
 */

/** A link sent in full: its number and what it is (`key` left out where it equals `target`). */
export interface LinkDef {
  id: number;
  target: string;
  key?: string;
  kind: ResolvedLink["kind"];
  tag: string;
}

/**
 * A page's links on the wire: in page order by number, and the ones first seen on this page.
 * `reset`: the numbers start again (the reader let go of the objects they stood for), so the
 * crawler's side holds no more of a site's links than the reader remembers.
 */
export interface WireLinks {
  ids: Int32Array;
  defs: LinkDef[];
  reset?: true;
}

/** The reader thread's side, one per site: numbers its link objects in the order they appear. */
export class LinkEncoder {
  private ids = new WeakMap<ResolvedLink, number>();
  private next = 0;
  private generation = 0;

  /** `generation`: the resolver's (LinkResolver.generation); a new one starts the numbers again. */
  encode(links: readonly ResolvedLink[], generation = 0): WireLinks {
    let reset = false;
    if (generation !== this.generation) {
      this.generation = generation;
      this.ids = new WeakMap();
      this.next = 0;
      reset = true;
    }
    const ids = new Int32Array(links.length);
    const defs: LinkDef[] = [];
    for (let i = 0; i < links.length; i++) {
      const l = links[i] as ResolvedLink;
      let id = this.ids.get(l);
      if (id === undefined) {
        id = this.next++;
        this.ids.set(l, id);
        defs.push(
          l.key === l.target
            ? { id, target: l.target, kind: l.kind, tag: l.tag }
            : { id, target: l.target, key: l.key, kind: l.kind, tag: l.tag },
        );
      }
      ids[i] = id;
    }
    return reset ? { ids, defs, reset } : { ids, defs };
  }
}

/** A number that no earlier message of the same thread and site defined. */
export class LinkWireError extends Error {
  constructor(id: number) {
    super(`link number ${id} was never defined by its reader thread`);
    this.name = "LinkWireError";
  }
}

/**
 * The crawler's side, one per site and reader thread: every message of that thread for that
 * site goes through `decode` in the order sent (definitions accumulate), whether or not anyone
 * still waits for the page.
 */
export class LinkDecoder {
  private table: ResolvedLink[] = [];

  decode(w: WireLinks): ResolvedLink[] {
    if (w.reset) this.table = [];
    for (const d of w.defs)
      this.table[d.id] = { target: d.target, key: d.key ?? d.target, kind: d.kind, tag: d.tag };
    const out: ResolvedLink[] = new Array(w.ids.length);
    for (let i = 0; i < w.ids.length; i++) {
      const id = w.ids[i] as number;
      const l = this.table[id];
      if (l === undefined) throw new LinkWireError(id);
      out[i] = l;
    }
    return out;
  }
}
