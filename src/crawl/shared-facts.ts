/**
 * One copy of the small facts that most pages of a site share. A reader thread sends each page's
 * facts as new objects (structured clone), so a site of 2,000 pages held 2,000 equal footers,
 * charsets, meta sets and entry sets, and a string "a" or "page" per link, until its report was
 * made: about a sixth of what a big site holds (docs/inspection.md, "Memory"). The values handed
 * out are shared, so nothing may change them once a page is complete (checks only read them).
 */
export class SharedFacts {
  private readonly seen = new Map<string, unknown>();
  private readonly texts = new Map<string, string>();

  /** `max`: distinct values remembered; past it, values are kept as they come. */
  constructor(private readonly max = 2_000) {}

  /** An equal value seen before (same JSON, keys in the same order), else `v` itself. */
  same<T>(v: T): T {
    if (v === null || typeof v !== "object") return v;
    const key = JSON.stringify(v);
    const hit = this.seen.get(key);
    if (hit !== undefined) return hit as T;
    if (this.seen.size < this.max) this.seen.set(key, v);
    return v;
  }

  /** One instance of each short string (content types, link kinds, element names). */
  text<T extends string | null>(s: T): T {
    if (s === null || s.length > 200) return s;
    const hit = this.texts.get(s);
    if (hit !== undefined) return hit as T;
    if (this.texts.size < this.max) this.texts.set(s, s);
    return s;
  }
}

const TAG_SETS = new Map<string, string[]>();

/**
 * The tags a link target was found in, with `tag` added: one shared array per combination
 * (["a"], ["a", "img"] …) instead of one per target. Never mutate the array returned.
 */
export function withTag(tags: string[], tag: string): string[] {
  if (tags.includes(tag)) return tags;
  const next = [...tags, tag];
  const key = next.join(" ");
  const known = TAG_SETS.get(key);
  if (known) return known;
  // Element names are few, but a page may invent its own: remember a bounded number.
  if (TAG_SETS.size < 512) TAG_SETS.set(key, next);
  return next;
}
