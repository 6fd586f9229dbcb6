import iconv from "iconv-lite";

/** Where the charset used to decode a page came from, strongest first. */
export type CharsetSource = "bom" | "header" | "meta" | "sniff" | "default";

export interface Decoded {
  text: string;
  /** Canonical label actually used to decode (lower case, WHATWG name where one exists). */
  charset: string;
  source: CharsetSource;
  /** Charset named by the Content-Type header, canonicalised; null when absent. */
  header: string | null;
  /** Charset named by `<meta charset>` / `<meta http-equiv>`, canonicalised; null when absent. */
  meta: string | null;
  /** False when the bytes contain sequences invalid in the charset used (U+FFFD produced). */
  clean: boolean;
}

/**
 * Canonical names. GB2312 and GBK labels are decoded as GBK by browsers (WHATWG), and GBK is a
 * subset of GB18030; we keep the three apart in reports because declaring gb2312 for GBK content
 * is something an inspector may want to see, but treat them as one family when comparing.
 */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  if (l === "") return null;
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf-8";
  if (l === "gb2312" || l === "gb_2312-80" || l === "csgb2312" || l === "x-gbk" || l === "cp936") {
    return l === "gb2312" || l === "gb_2312-80" || l === "csgb2312" ? "gb2312" : "gbk";
  }
  if (l === "gbk") return "gbk";
  if (l === "gb18030") return "gb18030";
  if (l === "utf-16" || l === "utf-16le" || l === "unicode") return "utf-16le";
  if (l === "utf-16be" || l === "unicodefffe") return "utf-16be";
  if (l === "big5" || l === "big5-hkscs") return "big5";
  if (l === "iso-8859-1" || l === "latin1" || l === "us-ascii" || l === "ascii") return "windows-1252";
  return l;
}

/** GB2312 ⊂ GBK ⊂ GB18030: declaring any of them for the others is not a disagreement. */
export function sameFamily(a: string, b: string): boolean {
  const gb = new Set(["gb2312", "gbk", "gb18030"]);
  return a === b || (gb.has(a) && gb.has(b));
}

export function charsetFromContentType(ct: string | null | undefined): string | null {
  if (!ct) return null;
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(ct);
  return canonicalCharset(m?.[1]);
}

/**
 * Looks for a charset declaration in the first 4 KiB read as Latin-1 (HTML's prescan does the
 * same with 1024 bytes; CMS pages often carry long comments before the meta, hence more).
 */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString(
    "latin1",
  );
  return charsetFromMetaText(head);
}

export function charsetFromMetaText(head: string): string | null {
  const re = /<meta\b[^>]*>/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct) return canonicalCharset(direct[1]);
  }
  return null;
}

function bomOf(b: Uint8Array): { charset: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: "utf-16be", length: 2 };
  return null;
}

/** Decodes with a label; returns null when no decoder knows it. */
function decodeWith(bytes: Uint8Array, charset: string): { text: string; clean: boolean } | null {
  // gb2312 declared pages are nearly always GBK in practice; browsers decode them as GBK.
  const label = charset === "gb2312" ? "gbk" : charset;
  try {
    const fatal = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    try {
      return { text: fatal.decode(bytes), clean: true };
    } catch {
      return { text: new TextDecoder(label, { ignoreBOM: true }).decode(bytes), clean: false };
    }
  } catch {
    // Not known to the built-in decoder (Node without full ICU, exotic labels): iconv-lite.
    if (!iconv.encodingExists(label)) return null;
    const text = iconv.decode(Buffer.from(bytes), label, { stripBOM: false });
    return { text, clean: !text.includes("\uFFFD") };
  }
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Without any declaration: UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset). */
function sniff(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 64 * 1024);
  if (isValidUtf8(sample)) return "utf-8";
  // UTF-16 without BOM: many NULs in alternate positions.
  let evenNul = 0;
  let oddNul = 0;
  const n = Math.min(sample.length, 2048);
  for (let i = 0; i < n; i++) if (sample[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++;
  if (oddNul > n / 4 && evenNul < n / 50) return "utf-16le";
  if (evenNul > n / 4 && oddNul < n / 50) return "utf-16be";
  return "gb18030";
}

/** BOM → HTTP header → `<meta>` → sniff, as browsers do. */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): Decoded {
  const header = charsetFromContentType(contentType);
  const bom = bomOf(bytes);
  let meta: string | null = null;
  if (bom) {
    const body = bytes.subarray(bom.length);
    const d = decodeWith(body, bom.charset) ?? { text: "", clean: false };
    meta = charsetFromMetaText(d.text.slice(0, 4096));
    return { text: d.text, charset: bom.charset, source: "bom", header, meta, clean: d.clean };
  }
  meta = charsetFromMeta(bytes);
  for (const [cs, source] of [
    [header, "header"],
    [meta, "meta"],
  ] as const) {
    if (!cs) continue;
    // A page declaring utf-16 without a BOM is almost always ASCII-compatible in fact.
    if (cs.startsWith("utf-16")) continue;
    const d = decodeWith(bytes, cs);
    if (d) return { text: d.text, charset: cs, source, header, meta, clean: d.clean };
  }
  const guessed = sniff(bytes);
  const d = decodeWith(bytes, guessed) ?? { text: Buffer.from(bytes).toString("latin1"), clean: false };
  return { text: d.text, charset: guessed, source: "sniff", header, meta, clean: d.clean };
}
