// A DOCKER_CONFIG for the many-engines server, with the other sandbox engine as a context made by the
// docker CLI itself (tests/support/contexts.ts). playwright.config.ts is loaded by every worker too, so
// this is idempotent.
import { existsSync } from 'node:fs';
import { contextPaths, writeContext } from '../../tests/support/contexts';

export const OTHER_SANDBOX_DIR = process.env.STRATA_OTHER_SANDBOX_DIR;
export const OTHER_CONTEXT = 'other';

export function dockerConfigWithOther(dir: string): string | null {
  if (!OTHER_SANDBOX_DIR) return null;
  if (!existsSync(contextPaths(dir, OTHER_CONTEXT).meta))
    writeContext(dir, { name: OTHER_CONTEXT, host: `unix://${OTHER_SANDBOX_DIR}/docker.sock` });
  return dir;
}
