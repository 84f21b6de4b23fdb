'use client';
// Page state a person would share or come back to (a search, a filter, a sort, a tab) lives in the
// URL's query: a copied link opens the same view, a reload keeps it, and back/forward step through it.
// Writes go through the History API, which Next's router follows without a server round trip, so
// `useSearchParams()` re-renders every reader.
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

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

export function useUrlState(): UrlState {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = params.toString();
  // What this page just wrote, shown at once: the router takes the new URL in a transition, and a
  // controlled checkbox or select would snap back until it does. Dropped when the router's query
  // moves (caught up, or back/forward).
  const [written, setWritten] = useState<string | null>(null);
  const [seen, setSeen] = useState(query);
  if (seen !== query) {
    setSeen(query);
    setWritten(null);
  }
  // Back and forward always win over what this page wrote: when the router has not yet caught up with a
  // write before the user steps back past it, its query never changes and `written` would stick.
  useEffect(() => {
    const forget = () => setWritten(null);
    window.addEventListener('popstate', forget);
    return () => window.removeEventListener('popstate', forget);
  }, []);
  const set = useCallback(
    (changes: UrlStateChanges, history: 'push' | 'replace' = 'push') => {
      const search = queryWith(window.location.search, changes);
      if (search === window.location.search) return;
      setWritten(search.replace(/^\?/, ''));
      const url = `${pathname}${search}${window.location.hash}`;
      if (history === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [pathname],
  );
  const shown = written ?? query;
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
