// The engine a page works on, kept in its URL (`?engine=prod`) so a link opens the same host. Pure and
// browser-safe: the fetch helpers and links add it to every Strata path; no `engine=` means the
// current engine (the one the Docker CLI would use).
import { ENGINE_PARAM } from '@/lib/api/engines';

/** The engine named in a query string, or null for the current engine. */
export function engineOf(search: string): string | null {
  return new URLSearchParams(search).get(ENGINE_PARAM) || null;
}

/** The engine the page in this tab works on (null on the server or for the current engine). */
export function pageEngine(): string | null {
  return typeof window === 'undefined' ? null : engineOf(window.location.search);
}

/** `path` (one of Strata's own, starting with `/`) on `engine`; a path that names one already keeps it. */
export function withEngine(path: string, engine: string | null = pageEngine()): string {
  if (!engine || !path.startsWith('/') || path.startsWith('//')) return path;
  const hash = path.indexOf('#');
  const base = hash === -1 ? path : path.slice(0, hash);
  const fragment = hash === -1 ? '' : path.slice(hash);
  const mark = base.indexOf('?');
  const query = new URLSearchParams(mark === -1 ? '' : base.slice(mark + 1));
  if (query.has(ENGINE_PARAM)) return path;
  query.set(ENGINE_PARAM, engine);
  return `${mark === -1 ? base : base.slice(0, mark)}?${query.toString()}${fragment}`;
}
