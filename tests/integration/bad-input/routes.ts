// Every API route, found on disk at test time: a route added later is covered without editing the suite.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

export interface ApiRoute {
  /** `/api/images/[ref]/history` */
  pattern: string;
  segments: string[];
  handlers: Record<string, Handler>;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export const APP_DIR = path.resolve(import.meta.dirname, '../../../app');

export function routeFiles(dir = path.join(APP_DIR, 'api')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

export async function loadRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const file of routeFiles().sort()) {
    const pattern = `/${path.relative(APP_DIR, path.dirname(file)).split(path.sep).join('/')}`;
    const exported = (await import(file)) as Record<string, unknown>;
    const handlers = Object.fromEntries(
      METHODS.flatMap((method) => (typeof exported[method] === 'function' ? [[method, exported[method] as Handler]] : [])),
    );
    routes.push({ pattern, segments: [...pattern.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]!), handlers });
  }
  return routes;
}

/** The URL path for a pattern with its segments filled in (encoded, as a browser sends them). */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
