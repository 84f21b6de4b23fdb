// Which member of an image export holds which layer: `blobs/sha256/<digest>` (OCI layout) or
// `<v1 id>/layer.tar` (legacy), learnt whenever an export is parsed. A single-file read uses it to
// open only that member and stop there; a name is only a hint, each read checks what it finds.
// Kept on disk (one small file, the newest MAX_NAMES), since the names of an image never change.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '@/lib/data-dir';

const MAX_NAMES = 50_000;
const file = () => path.join(dataDir(), 'layers', 'export-members.json');
let names: Map<string, string> | null = null;
let saving: Promise<void> | null = null;
let dirty = false;

async function load(): Promise<Map<string, string>> {
  if (names) return names;
  let stored: [string, string][] = [];
  try {
    stored = JSON.parse(await readFile(file(), 'utf8')) as [string, string][];
  } catch {
    // none yet
  }
  names ??= new Map(stored);
  return names;
}

async function save(): Promise<void> {
  while (dirty) {
    dirty = false;
    const map = await load();
    await mkdir(path.dirname(file()), { recursive: true, mode: 0o700 });
    const temp = `${file()}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify([...map].slice(-MAX_NAMES)));
    await rename(temp, file());
  }
}

/** Records that export member `blob` is the layer `diffId`. */
export function rememberBlob(blob: string, diffId: string): void {
  void load().then((map) => {
    if (map.get(blob) === diffId) return;
    map.delete(blob);
    map.set(blob, diffId);
    if (map.size > MAX_NAMES) map.delete(map.keys().next().value!);
    dirty = true;
    schedule();
  });
}

function schedule(): void {
  if (saving) return;
  saving = save()
    .catch(() => undefined) // a hint lost is a hint learnt again on the next read
    .finally(() => {
      saving = null;
      if (dirty) schedule();
    });
}

/** Every member name seen holding `diffId`. */
export async function blobsOf(diffId: string): Promise<Set<string>> {
  const map = await load();
  return new Set([...map].filter(([, id]) => id === diffId).map(([blob]) => blob));
}
