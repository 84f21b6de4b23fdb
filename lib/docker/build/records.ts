// The previous build of each image (keyed by its first tag), so the next build can say why the cache
// broke. A small JSON file in the data directory; file hashes are kept only for contexts of modest size.
import 'server-only';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildRecord } from '@/lib/docker/build/cache-report';
import { dataDir } from '@/lib/data-dir';
import { DEFAULT_ENGINE } from '@/lib/docker/engine/engines';
import { activeEngine } from '@/lib/docker/engine/scope';

const MAX_RECORDS = 50;
const MAX_HASHED_FILES = 5_000;

type Stored = Record<string, BuildRecord & { at: string }>;

// One file per engine; the default engine keeps the name it had before there were several.
const file = () => {
  const { name } = activeEngine();
  return path.join(dataDir(), name === DEFAULT_ENGINE ? 'builds.json' : `builds.${name}.json`);
};

async function readAll(): Promise<Stored> {
  try {
    return JSON.parse(await readFile(file(), 'utf8')) as Stored;
  } catch {
    return {};
  }
}

export async function previousBuild(key: string): Promise<BuildRecord | null> {
  return (await readAll())[key] ?? null;
}

export async function rememberBuild(key: string, record: BuildRecord): Promise<void> {
  const all = await readAll();
  const files = Object.keys(record.files).length > MAX_HASHED_FILES ? {} : record.files;
  delete all[key];
  all[key] = { ...record, files, at: new Date().toISOString() };
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_RECORDS))) delete all[old];
  await mkdir(dataDir(), { recursive: true, mode: 0o700 });
  const temporary = `${file()}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(all), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file());
}
