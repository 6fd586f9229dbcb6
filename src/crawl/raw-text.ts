/**
 * Drops the contents of `<script>` and `<style>` elements from a page's bytes, keeping the tags
 * themselves. Nothing we read from a page is in them (the parser skips their text), yet CMS pages
 * carry tens of kilobytes of inline CSS and JS, which the decoder would decode and the parser
 * scan character by character for its end tag. Here the bytes are skipped with native searches
 * before any of that.
 *
 * Done on bytes, which is safe for every ASCII-compatible encoding we meet (UTF-8, GBK, GB2312,
 * GB18030): in none of them can a byte below 0x40 ('<', '/', '!', '-', '>') be part of a
 * multi-byte character, so each such byte found is the character itself. UTF-16 bodies (a BOM or
 * NUL bytes) are returned as they are. Comments are skipped whole, as a browser reads them, so a
 * `<script>` inside a comment does not swallow what follows the comment.
 *
 * `styles`, when given, receives the `<style>` bodies (for `src/artifacts/hiding.ts`), read as
 * latin1: the selectors and values it reads are ASCII, so they need no decoding (a selector with
 * other characters then matches nothing). At most MAX_STYLE_CHARS of them a page.
 */
export function dropRawText(body: Uint8Array, styles?: string[]): Uint8Array {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (b.length < 2 || isUtf16(b)) return body;
  const parts: Buffer[] = [];
  const next = opener(b);
  let kept = 0;
  let at = 0;
  for (;;) {
    const open = next(at);
    if (open < 0) break;
    if (b[open + 1] === 0x21) {
      // <!-- … -->: skip it whole.
      const end = b.indexOf("-->", open + 4);
      if (end < 0) break;
      at = end + 3;
      continue;
    }
    const name = rawTextName(b, open);
    if (!name) {
      at = open + 2;
      continue;
    }
    const tagEnd = b.indexOf(0x3e, open + 1 + name.length);
    if (tagEnd < 0) break;
    const close = closingTag(b, tagEnd + 1, name);
    if (styles && name === "style" && close > tagEnd + 1) keepStyle(b, tagEnd + 1, close, styles);
    if (close > tagEnd + 1) {
      parts.push(b.subarray(kept, tagEnd + 1));
      kept = close;
    }
    if (close >= b.length) break;
    at = close + 2 + name.length;
  }
  if (parts.length === 0) return body;
  parts.push(b.subarray(kept));
  return Buffer.concat(parts);
}

function isUtf16(b: Buffer): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  return b.subarray(0, 512).includes(0);
}

const NEEDLES = ["<s", "<S", "<!--"];

/**
 * Finds the next `<s`, `<S` or `<!--` at or after a position, or -1. Each needle's last hit is
 * remembered and searched for again only once passed, so the page is scanned about once per needle.
 */
function opener(b: Buffer): (from: number) => number {
  const hits = NEEDLES.map(() => -2);
  return (from) => {
    let best = -1;
    for (let k = 0; k < NEEDLES.length; k++) {
      let h = hits[k] as number;
      if (h !== -1 && h < from) {
        h = b.indexOf(NEEDLES[k] as string, from);
        hits[k] = h;
      }
      if (h >= 0 && (best < 0 || h < best)) best = h;
    }
    return best;
  };
}

const lower = (c: number | undefined) => (c !== undefined && c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** Whether the bytes at `at` spell `word` (lower case ASCII), in any case. */
function spells(b: Buffer, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (lower(b[at + k]) !== word.charCodeAt(k)) return false;
  return true;
}

/** A tag name ends at whitespace, '>' or '/'. */
const endsName = (c: number | undefined) =>
  c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;

/** "script" or "style" when `<` at `open` starts one of those tags. */
function rawTextName(b: Buffer, open: number): string | null {
  for (const name of ["script", "style"])
    if (spells(b, open + 1, name) && endsName(b[open + 1 + name.length])) return name;
  return null;
}

/** Where `</name` closing the element begins, searching from `from`; b.length when it never does. */
function closingTag(b: Buffer, from: number, name: string): number {
  let at = from;
  for (;;) {
    const i = b.indexOf("</", at);
    if (i < 0) return b.length;
    if (spells(b, i + 2, name) && endsName(b[i + 2 + name.length])) return i;
    at = i + 2;
  }
}

/** Style text kept a page, at most: a page cannot make us hold more. */
export const MAX_STYLE_CHARS = 256 * 1024;

function keepStyle(b: Buffer, from: number, to: number, styles: string[]): void {
  let held = 0;
  for (const s of styles) held += s.length;
  if (held + (to - from) <= MAX_STYLE_CHARS) styles.push(b.toString("latin1", from, to));
}
