/**
 * Next hands a page its params decoded on a full load but still percent-encoded on the client
 * router's RSC requests. A reference or registry host never holds `%`, so a value that still has an
 * escape is decoded here, for the page only. The API routes a view calls get theirs decoded once by
 * Next and never decode again, so what is acted on is always what the page shows.
 */
export function pageParam(raw: string): string {
  if (!/%[0-9a-f]{2}/i.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
