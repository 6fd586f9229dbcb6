import AhoCorasick from "modern-ahocorasick";
import { z } from "zod";
import { readDataFile } from "../runtime/data-file.ts";

/** A body renamed or merged away: the old name, what to say instead, and from when. */
export interface RenamedBody {
  old: string;
  current: string;
  since: string;
  source?: string;
  notFollowedBy?: string;
}

/** The name itself, without a note such as （国家药品监督管理局）. */
export function currentName(current: string): string {
  return current.replace(/[（(].*$/, "");
}

/** A dictionary term found in a page's text, with a little context for the checks to judge. */
export interface WordingHit {
  text: string;
  /** Up to 16 characters before and after the match. */
  before: string;
  after: string;
}

const Renamed = z.object({
  old: z.string().min(2),
  current: z.string().min(2),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string().optional(),
  notFollowedBy: z.string().optional(),
});
export const RenamedBodySchema = Renamed;

let builtin: RenamedBody[] | undefined;

/** The maintained dictionary, `src/checks/data/renamed-bodies.yaml`. */
export function renamedBodies(): RenamedBody[] {
  if (!builtin) {
    const file = new URL("../checks/data/renamed-bodies.yaml", import.meta.url);
    const doc = z.object({ bodies: z.array(Renamed) }).parse(readDataFile(file));
    builtin = doc.bodies;
  }
  return builtin;
}

/** A compiled multi-pattern matcher (Aho–Corasick): one scan of the text whatever the terms. */
/** `s` as a regular expression that matches it literally. */
export const literalPattern = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class TermMatcher {
  private readonly ac: AhoCorasick | null;
  private readonly terms: string[];
  /** Where the first term could start: most pages have none, and V8 finds that fastest. */
  private readonly first: RegExp | null;

  constructor(terms: Iterable<string>) {
    this.terms = [...new Set([...terms].filter((t) => t.length > 0))];
    this.ac = this.terms.length > 0 ? new AhoCorasick(this.terms) : null;
    this.first = this.terms.length > 0 ? new RegExp(this.terms.map(literalPattern).join("|")) : null;
  }

  get size(): number {
    return this.terms.length;
  }

  /**
   * Non-overlapping hits, the longest term winning where several overlap (国家卫生和计划生育委员会
   * rather than 卫生和计划生育委员会 inside it).
   */
  find(text: string, max = 200): WordingHit[] {
    if (!this.ac || !this.first || text.length === 0) return [];
    const from = text.search(this.first);
    if (from < 0) return [];
    // The matcher is grapheme-aware and so slower: it only reads from the first candidate on.
    const tail = text.slice(from);
    const all = this.ac.search(tail).sort((a, b) => a.start - b.start || b.end - a.end);
    const out: WordingHit[] = [];
    let end = -1;
    for (const m of all) {
      if (m.start < end) continue;
      end = m.end;
      const start = from + m.start;
      const stop = from + m.end;
      out.push({
        text: m.pattern,
        before: text.slice(Math.max(0, start - 16), start),
        after: text.slice(stop, stop + 16),
      });
      if (out.length >= max) break;
    }
    return out;
  }
}

const cache = new Map<string, TermMatcher>();

/** Matchers are compiled once per dictionary, not per page. */
export function matcherFor(terms: readonly string[]): TermMatcher {
  const key = terms.join("\u0000");
  let m = cache.get(key);
  if (!m) {
    if (cache.size > 64) cache.clear();
    m = new TermMatcher(terms);
    cache.set(key, m);
  }
  return m;
}
