// The base OS of every image whose layers were read, by image ID (and platform): the image list shows
// it in a column without reading any layer. One small file, written after each analysis; an image
// never read has no entry, and the list says so rather than guessing.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageOs } from '@/lib/api/packages';
import type { BaseOs, ImageSummary } from '@/lib/api/images';
import { dataDir } from '@/lib/data-dir';
import { platformString } from '@/lib/api/platform';
import type { PlatformChoice } from '@/lib/docker/images/platform-choice';

export type KnownOs = BaseOs | 'none';

const MAX_IMAGES = 20_000;
const file = () => path.join(dataDir(), 'os-index.json');
let index: Map<string, KnownOs> | null = null;
let writing: Promise<void> = Promise.resolve();

async function load(): Promise<Map<string, KnownOs>> {
  if (index) return index;
  let stored: [string, KnownOs][] = [];
  try {
    stored = JSON.parse(await readFile(file(), 'utf8')) as [string, KnownOs][];
  } catch {
    // nothing read yet
  }
  index ??= new Map(stored);
  return index;
}

const keyOf = (choice: Pick<PlatformChoice, 'imageId' | 'platform'>) =>
  choice.platform ? `${choice.imageId}@${platformString(choice.platform)}` : choice.imageId;

/** Records what the analysis found: the OS, or `none` (scratch images, distroless without os-release). */
export async function rememberOs(choice: Pick<PlatformChoice, 'imageId' | 'platform'>, os: ImageOs | null): Promise<void> {
  const map = await load();
  const known: KnownOs = os ? { id: os.id, versionId: os.versionId, prettyName: os.prettyName } : 'none';
  const key = keyOf(choice);
  if (JSON.stringify(map.get(key)) === JSON.stringify(known)) return;
  map.delete(key);
  map.set(key, known);
  if (map.size > MAX_IMAGES) map.delete(map.keys().next().value!);
  const entries = JSON.stringify([...map]);
  // Writes queue one after another, so an older list never lands over a newer one.
  writing = writing.then(async () => {
    await mkdir(dataDir(), { recursive: true, mode: 0o700 });
    const temp = `${file()}.${randomUUID()}.tmp`;
    await writeFile(temp, entries);
    await rename(temp, file());
  });
  await writing.catch(() => undefined);
}

/** The OS of each image ID (its default platform) that has been read; absent when never read. */
export async function knownOs(): Promise<ReadonlyMap<string, KnownOs>> {
  return load();
}

/** The images with the base OS of each that has been read. */
export async function withBaseOs<T extends { images: ImageSummary[] }>(response: T): Promise<T> {
  const map = await load();
  if (map.size === 0) return response;
  return { ...response, images: response.images.map((image) => ({ ...image, baseOs: map.get(image.id) ?? null })) };
}
