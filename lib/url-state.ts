'use client';
// Page state a person would share or come back to (a search, a filter, a sort, a tab) lives in the
// URL's query: a copied link opens the same view, a reload keeps it, and back/forward step through it.
// Writes go through the History API, without a server round trip.
//
// What the page shows is read from the browser's own location, not from Next's `useSearchParams()`: the
// router takes a History API write in a transition of its own, and a back step that comes before that
// transition has committed can leave the router on the newer query while the address bar shows the
// older one (seen in CI: a graph search, then Back at once). The location is always right; the router's
// query only serves the server render and a page that a link has just opened, whose address the router
// writes after rendering it.
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

/** `null`, `undefined`, `''` and `false` remove the key: defaults stay out of the URL. */
export type UrlStateChanges = Record<string, string | number | boolean | null | undefined>;

export interface UrlState {
  params: URLSearchParams;
  /** `push` for a choice (back undoes it), `replace` for typing (one entry, not one per key). */
  set(changes: UrlStateChanges, history?: 'push' | 'replace'): void;
}

export function queryWith(current: string, changes: UrlStateChanges): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '' || value === false) next.delete(key);
    else next.set(key, value === true ? '1' : String(value));
  }
  const query = next.toString();
  return query ? `?${query}` : '';
}

/** Fired after this module writes the URL: the History API itself tells nobody. */
const URL_WRITTEN = 'strata:url-written';

function subscribeToLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(URL_WRITTEN, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(URL_WRITTEN, onChange);
  };
}

function locationSnapshot(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** The query a page at `pathname` shows: the location's once it is at that page, else the router's. */
export function shownQuery(location: string, pathname: string, routerQuery: string): string {
  const mark = location.indexOf('?');
  const locationPath = mark === -1 ? location : location.slice(0, mark);
  if (locationPath !== pathname) return routerQuery;
  return mark === -1 ? '' : location.slice(mark + 1);
}

export function useUrlState(): UrlState {
  const routerQuery = useSearchParams().toString();
  const pathname = usePathname();
  // Re-read on every render too (a router change re-renders this), and React checks it again after the
  // commit in which the router writes a link's address.
  const location = useSyncExternalStore(subscribeToLocation, locationSnapshot, () => `${pathname}?${routerQuery}`);
  const shown = shownQuery(location, pathname, routerQuery);
  const set = useCallback(
    (changes: UrlStateChanges, history: 'push' | 'replace' = 'push') => {
      const search = queryWith(window.location.search, changes);
      if (search === window.location.search) return;
      const url = `${pathname}${search}${window.location.hash}`;
      if (history === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      window.dispatchEvent(new Event(URL_WRITTEN));
    },
    [pathname],
  );
  // Stable while the query is, so effects that depend on it do not re-run on every render.
  return useMemo(() => ({ params: new URLSearchParams(shown), set }), [shown, set]);
}

/** A value read from the query, or `fallback` when absent or not one of `allowed`. */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * A text box kept in the URL under `key`. It types into local state (an input driven by the router's
 * asynchronous URL would lose keys) and writes the URL after `delayMs` (one history entry, replaced);
 * only a change the box did not write itself (back/forward, a link) moves the box. `alsoWrite` goes
 * with each write (a search resets its page).
 */
export function useUrlText(key: string, delayMs = 0, alsoWrite: UrlStateChanges = {}): [string, (value: string) => void, string] {
  const url = useUrlState();
  const fromUrl = url.params.get(key) ?? '';
  const [text, setText] = useState(fromUrl);
  const written = useRef(fromUrl);
  const also = useRef(alsoWrite);
  useEffect(() => {
    if (fromUrl !== written.current) {
      written.current = fromUrl;
      setText(fromUrl);
    }
  }, [fromUrl]);
  useEffect(() => {
    if (text === written.current) return;
    const timer = setTimeout(() => {
      written.current = text;
      url.set({ ...also.current, [key]: text }, 'replace');
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, key, delayMs, url]);
  return [text, setText, fromUrl];
}
