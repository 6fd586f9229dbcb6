/** Extensions of documents that are checked, not crawled (the catalogue's "attachments"). */
export const ATTACHMENT_EXT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|zip|rar|7z|gz|tar|txt|csv|ceb|caj)$/i;
export const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|webp|svg|ico|tiff?)$/i;
const NON_PAGE_EXT = /\.(css|js|mp4|mp3|avi|flv|swf|wmv|woff2?|ttf|eot|json|xml)$/i;

/**
 * Normalises a URL for de-duplication: drops the fragment, lower-cases scheme and host (URL
 * does that), drops default ports, sorts query parameters, removes an empty query.
 * Returns null for what we do not fetch (mailto:, javascript:, data:, bad URLs).
 */
export function normaliseUrl(raw: string, base?: string): string | null {
  const t = raw.trim();
  if (t === "" || /^(javascript|mailto|tel|data|about|sms|ftp):/i.test(t) || t.startsWith("#")) return null;
  let u: URL;
  try {
    u = new URL(t, base);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.hash = "";
  if (u.search) {
    const params = [...u.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = new URLSearchParams(params).toString();
  }
  return u.href;
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
