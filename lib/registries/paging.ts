// Paging the distribution API: `_catalog` and `tags/list` say where the next page is in a `Link` header,
// `</v2/_catalog?last=team%2Fapp&n=100>; rel="next"`. Pure.

/**
 * The next page's path and query from a `Link` header, or null. Only a `/v2/` path is followed, and only
 * its path and query, so a registry cannot point Strata (and its login) at another host.
 */
export function nextPagePath(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match || !/\brel\s*=\s*"?next"?/i.test(match[2]!)) continue;
    let url: URL;
    try {
      url = new URL(match[1]!, 'http://registry.invalid');
    } catch {
      return null;
    }
    return url.pathname.startsWith('/v2/') ? `${url.pathname}${url.search}` : null;
  }
  return null;
}

/** One page of a list, 1-based. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  return items.slice((page - 1) * pageSize, page * pageSize);
}
