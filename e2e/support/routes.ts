// Every route the app has, read from the file system when the tests run, so a route added later is
// covered without anyone remembering to list it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface AppRoute {
  kind: 'api' | 'page';
  /** e.g. app/api/images/[ref]/tags/route.ts */
  file: string;
  /** e.g. /api/images/[ref]/tags */
  pattern: string;
  methods: string[];
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Methods a route file exports: `export const GET =`, `export async function POST(`, `export { GET, POST }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(match[1] ?? '');
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(','))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? '',
      );
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

export function appRoutes(root = process.cwd()): AppRoute[] {
  const appDir = path.join(root, 'app');
  return walk(appDir)
    .flatMap((full): AppRoute[] => {
      const base = path.basename(full);
      const isRoute = /^route\.(ts|tsx|js|jsx)$/.test(base);
      const isPage = /^page\.(ts|tsx|js|jsx)$/.test(base);
      if (!isRoute && !isPage) return [];
      const segments = path
        .relative(appDir, path.dirname(full))
        .split(path.sep)
        .filter((segment) => segment && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'));
      const pattern = `/${segments.join('/')}`;
      const file = path.relative(root, full);
      if (isPage) return [{ kind: 'page', file, pattern, methods: ['GET'] }];
      return [{ kind: 'api', file, pattern, methods: exportedMethods(readFileSync(full, 'utf8')) }];
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Fills `[param]`/`[...param]` segments with real values; unknown names get the fixture image. */
export function fillPattern(pattern: string, values: Record<string, string>, fallback: string): string {
  return pattern.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name: string) => encodeURIComponent(values[name] ?? fallback));
}
