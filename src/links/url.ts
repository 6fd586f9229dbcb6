/** Extensions of documents that are checked, not crawled (the catalogue's "attachments"). */
export const ATTACHMENT_EXT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|zip|rar|7z|gz|tar|txt|csv|ceb|caj)$/i;
export const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|webp|svg|ico|tiff?)$/i;
const NON_PAGE_EXT = /\.(css|js|mp4|mp3|avi|flv|swf|wmv|woff2?|ttf|eot|json|xml)$/i;

const NOT_FETCHED = /^(javascript|mailto|tel|data|about|sms|ftp):/i;

/**
 * The URL a link points at, as the page wrote it: resolved against `base`, the fragment dropped,
 * scheme and host lower-cased and the default port dropped (URL does those), the query left as it
 * is. This is what is requested and archived: some CMSs answer `?uid=4521&pageNum=2` and
 * `?pageNum=2&uid=4521` with different pages. Null for what we do not fetch (mailto:,
 * javascript:, data:, bad URLs).
 */
export function resolveLink(raw: string, base?: string): string | null {
  const t = raw.trim();
  if (t === "" || NOT_FETCHED.test(t) || t.startsWith("#")) return null;
  let u: URL;
  try {
    u = new URL(t, base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.hash = "";
  return u.href;
}

/**
 * The key under which URLs naming the same resource are de-duplicated: query parameters sorted,
 * an empty query removed. Only ever a key: never requested. `url` must come from `resolveLink`.
 */
export function urlKey(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const u = new URL(url);
  const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = new URLSearchParams(params).toString();
  return u.href;
}

/** `resolveLink` then `urlKey`: the de-duplication key of a raw link. */
export function normaliseUrl(raw: string, base?: string): string | null {
  const u = resolveLink(raw, base);
  return u === null ? null : urlKey(u);
}

export type TargetKind = "page" | "image" | "attachment" | "resource" | "external";

/** What to do with a link target from a page of `siteHost`. */
export function classifyTarget(url: string, tag: string, inScope: (u: URL) => boolean): TargetKind {
  const u = new URL(url);
  const path = u.pathname;
  if (tag === "img" || IMAGE_EXT.test(path)) return inScope(u) ? "image" : "external";
  if (ATTACHMENT_EXT.test(path)) return inScope(u) ? "attachment" : "external";
  if (!inScope(u)) return "external";
  if (tag === "script" || tag === "link" || NON_PAGE_EXT.test(path)) return "resource";
  return "page";
}

/** Same registrable scope: the host itself, ignoring a leading `www.` and http/https. */
export function scopeOf(siteUrl: string): (u: URL) => boolean {
  const host = new URL(siteUrl).host.replace(/^www\./, "");
  return (u) => u.host.replace(/^www\./, "") === host;
}
