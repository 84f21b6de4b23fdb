// Parsed layers on disk, named by diff ID: a layer's file list never changes, whichever image it is
// in. Writes are atomic (temp file + rename), so concurrent requests can only ever read a whole file.
// Bounded: past MAX_BYTES the least recently written files go.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayerEntry } from '@/lib/api/analysis';
import { dataDir } from '@/lib/data-dir';

const MAX_BYTES = 512 * 1024 * 1024;
const dir = () => path.join(dataDir(), 'layers');
const fileFor = (diffId: string) => path.join(dir(), `${diffId.replace(/^sha256:/, '').replace(/[^0-9a-f]/g, '')}.json`);

export async function readCachedLayer(diffId: string): Promise<LayerEntry[] | null> {
  try {
    return JSON.parse(await readFile(fileFor(diffId), 'utf8')) as LayerEntry[];
  } catch {
    return null;
  }
}

export async function writeCachedLayer(diffId: string, entries: LayerEntry[]): Promise<void> {
  await mkdir(dir(), { recursive: true, mode: 0o700 });
  const temp = `${fileFor(diffId)}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify(entries));
  await rename(temp, fileFor(diffId));
  await trim();
}

async function trim(): Promise<void> {
  const names = (await readdir(dir())).filter((name) => name.endsWith('.json'));
  const files = await Promise.all(names.map(async (name) => ({ name, ...(await stat(path.join(dir(), name))) })));
  let total = files.reduce((sum, file) => sum + file.size, 0);
  for (const file of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= MAX_BYTES) break;
    await unlink(path.join(dir(), file.name)).catch(() => undefined);
    total -= file.size;
  }
}
