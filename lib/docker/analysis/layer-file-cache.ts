// Parsed layers on disk, named by diff ID: a layer's file list never changes, whichever image it is
// in. Writes are atomic (temp file + rename), so concurrent requests can only ever read a whole file.
// Bounded: past MAX_BYTES the least recently written files go.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/data-dir';
import type { ParsedLayer } from '@/lib/docker/analysis/layer-files';

const MAX_BYTES = 512 * 1024 * 1024;
// Version 2 keeps the package databases beside the entries; a version 1 file (a bare entry list)
// reads as not cached, so the layer is read again once rather than shown without its packages.
const VERSION = 2;
const dir = () => path.join(dataDir(), 'layers');
const fileFor = (diffId: string) => path.join(dir(), `${diffId.replace(/^sha256:/, '').replace(/[^0-9a-f]/g, '')}.json`);

export async function readCachedLayer(diffId: string): Promise<ParsedLayer | null> {
  try {
    const cached = JSON.parse(await readFile(fileFor(diffId), 'utf8')) as { version?: number } & ParsedLayer;
    return cached.version === VERSION ? { entries: cached.entries, databases: cached.databases } : null;
  } catch {
    return null;
  }
}

export async function writeCachedLayer(diffId: string, layer: ParsedLayer): Promise<void> {
  await mkdir(dir(), { recursive: true, mode: 0o700 });
  const temp = `${fileFor(diffId)}.${randomUUID()}.tmp`;
  await writeFile(temp, JSON.stringify({ version: VERSION, entries: layer.entries, databases: layer.databases }));
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
