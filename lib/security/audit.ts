// The audit log: one JSON line per write (time, client address, action, target, engine, outcome) in
// $STRATA_DATA_DIR/audit.log, readable by the server's user only. Bodies are never logged — a login's
// password is in its body — only the method, the path and the answer's status.
import 'server-only';
import { appendFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/data-dir';
import { clientKey } from '@/lib/security/rate-limit';

export interface AuditEntry {
  time: string;
  client: string;
  method: string;
  /** Path and query, decoded once — as the route's parameters are, so this is what was acted on. */
  target: string;
  /** The engine the write was for (`engine=`, else the current one); older lines have none. */
  engine?: string;
  status: number;
}

const MAX_BYTES = 5 * 1024 * 1024;
const file = () => path.join(dataDir(), 'audit.log');

export async function appendAudit(entry: AuditEntry): Promise<void> {
  try {
    await mkdir(dataDir(), { recursive: true, mode: 0o700 });
    const size = await stat(file()).then(
      (info) => info.size,
      () => 0,
    );
    // Bounded: one previous file is kept.
    if (size > MAX_BYTES) await rename(file(), `${file()}.1`);
    await appendFile(file(), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  } catch (error) {
    console.error('[strata] could not write the audit log', (error as Error).message);
  }
}

export async function readAudit(limit = 200): Promise<AuditEntry[]> {
  const text = await readFile(file(), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .slice(-limit)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as AuditEntry];
      } catch {
        return [];
      }
    })
    .reverse();
}

/** The caller as the server saw it (the socket's address; see lib/security/rate-limit.ts). */
export function clientOf(req: Request): string {
  return clientKey(req.headers);
}

export function targetOf(req: Request): string {
  const url = new URL(req.url);
  try {
    return decodeURIComponent(url.pathname) + url.search;
  } catch {
    return url.pathname + url.search;
  }
}
