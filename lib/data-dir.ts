// Where Strata keeps its own state (registry logins, build records, parsed layers, the audit log,
// retention rules): STRATA_DATA_DIR, or ~/.strata. Each user of it creates the folder 0700 before writing.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function dataDir(): string {
  return process.env.STRATA_DATA_DIR || path.join(os.homedir(), '.strata');
}

/** Writes JSON atomically (a temp file renamed over it), readable by the server's user only. */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(value, null, 2), { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

/**
 * A JSON file's content, or `empty` when there is no file yet. Anything else (unreadable, not JSON) is
 * thrown: it must not be mistaken for an empty store and overwritten on the next save.
 */
export async function readJsonFile<T>(file: string, empty: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  return JSON.parse(text) as T;
}

/** Runs read-modify-write steps one at a time, so two updates at once cannot lose each other's change. */
export function serialised(): <T>(work: () => Promise<T>) => Promise<T> {
  let lock: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = lock.then(work, work);
    lock = run.catch(() => undefined);
    return run;
  };
}
