// Where Strata keeps its own state (registry logins, build records, parsed layers, the audit log):
// STRATA_DATA_DIR, or ~/.strata. Each user of it creates the folder 0700 before writing.
import 'server-only';
import os from 'node:os';
import path from 'node:path';

export function dataDir(): string {
  return process.env.STRATA_DATA_DIR || path.join(os.homedir(), '.strata');
}
