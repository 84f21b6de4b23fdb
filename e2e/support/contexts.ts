// A DOCKER_CONFIG for the many-engines server, with the other sandbox engine as a context made by the
// docker CLI itself. playwright.config.ts is loaded by every worker too, so this is idempotent.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const OTHER_SANDBOX_DIR = process.env.STRATA_OTHER_SANDBOX_DIR;
export const OTHER_CONTEXT = 'other';

export function dockerConfigWithOther(dir: string): string | null {
  if (!OTHER_SANDBOX_DIR) return null;
  const meta = path.join(dir, 'contexts', 'meta', createHash('sha256').update(OTHER_CONTEXT).digest('hex'), 'meta.json');
  if (!existsSync(meta)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    execFileSync('docker', ['context', 'create', OTHER_CONTEXT, '--docker', `host=unix://${OTHER_SANDBOX_DIR}/docker.sock`], {
      env: { ...process.env, DOCKER_CONFIG: dir },
      stdio: 'ignore',
    });
  }
  return dir;
}
