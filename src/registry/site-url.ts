/**
 * The canonical form of a website's address, used as its identity in the registry: http(s)
 * only, host lower-cased, default port and fragment dropped, at least "/" as path.
 */
export function canonicalSiteUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (!url.hostname || url.username || url.password) return undefined;
  url.hash = "";
  return url.href;
}
