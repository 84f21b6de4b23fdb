// Engine events applied to the kept image snapshot in place: each image an event names is inspected
// once and its row updated, added or dropped, a tag that moved leaves its old image, and container
// events re-read only the (cheap) container list (and, on the containerd store, the disk total).
// Whatever a patch cannot know for sure gives null, and the cache lists everything again:
// - a prune, or a commit (an untagged commit makes no image event at all);
// - an image left without tags: the classic list hides an untagged image that has children, and only a
//   whole list says which;
// - on the classic store, dropping an image that has a parent (the parent may now show as dangling), or
//   adding one whose parent is a listed untagged image (that one now hides);
// - on the containerd store, any image added or dropped (the engine's SharedSize of every other image and
//   its disk total change with it, and only the engine can say by how much), and any change of an
//   image's names (its list picks the one repo digest it shows by a rule of its own).
import 'server-only';
import type { StrataEvent } from '@/lib/api/engine';
import { StrataError } from '@/lib/api/errors';
import { dial, engine } from '@/lib/docker/engine/client';
import { containersByImage, mapListItem, type ListedImage } from '@/lib/docker/engine/mappers';
import type { RawContainer, RawImageInspect, RawImageListItem } from '@/lib/docker/engine/raw-types';
import { getManyLayers } from '@/lib/docker/images/layer-facts';
import { imageStoreDiskUsed } from '@/lib/docker/prune/disk-usage';
import type { Snapshot } from '@/lib/docker/images/summaries';

/** Image actions whose event names an image ID; `pull` and `push` name a reference instead. */
const BY_ID = new Set(['tag', 'untag', 'delete', 'import', 'load', 'create']);
const BY_REFERENCE = new Set(['pull', 'push']);

async function inspect(ref: string): Promise<RawImageInspect | null> {
  try {
    return await dial<RawImageInspect>({ path: `/images/${ref}/json`, method: 'GET', query: { manifests: 1 } });
  } catch (error) {
    if (error instanceof StrataError && error.code === 'not_found') return null;
    throw error;
  }
}

/** The list row the engine would give for an inspected image (classic store: no SharedSize, no Manifests). */
function rowOf(raw: RawImageInspect): ListedImage {
  const item: RawImageListItem = {
    Id: raw.Id,
    ParentId: raw.Parent ?? '',
    RepoTags: raw.RepoTags,
    RepoDigests: raw.RepoDigests,
    // The list gives whole seconds.
    Created: Math.floor(Date.parse(raw.Created ?? '') / 1000) || 0,
    Size: raw.Size ?? 0,
    Labels: raw.Config?.Labels ?? null,
  };
  return mapListItem(item);
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name) => b.includes(name));

/** The images the events name, by ID: null for an image the engine no longer has. */
async function namedImages(events: readonly StrataEvent[], classic: boolean): Promise<Map<string, RawImageInspect | null> | 'unexplained'> {
  const ids = new Set<string>();
  const refs = new Set<string>();
  for (const event of events) {
    if (event.kind !== 'image') continue;
    if (BY_ID.has(event.action) && event.id) ids.add(event.id);
    // On the containerd store a pull or push may change the repo digest the list shows.
    else if (BY_REFERENCE.has(event.action) && event.id && classic) refs.add(event.id);
    else return 'unexplained';
  }
  const found = new Map<string, RawImageInspect | null>();
  for (const ref of refs) {
    const raw = await inspect(ref);
    if (!raw) return 'unexplained';
    found.set(raw.Id, raw);
  }
  for (const id of ids) if (!found.has(id)) found.set(id, await inspect(id));
  return found;
}

export async function patchSnapshot(snap: Snapshot, events: readonly StrataEvent[]): Promise<Snapshot | null> {
  if (events.some((event) => event.kind === 'container' && event.action === 'commit')) return null;
  const classic = snap.store === 'classic';
  const named = await namedImages(events, classic);
  if (named === 'unexplained') return null;
  const listed = new Map(snap.listed.map((image) => [image.id, image]));
  const layers = new Map(snap.layers);
  const added: string[] = [];
  for (const [id, raw] of named) {
    const old = listed.get(id);
    if (!raw) {
      if (!old) continue; // an intermediate the list never showed
      if (!classic || old.parentId) return null;
      listed.delete(id);
      layers.delete(id);
      continue;
    }
    // Untagged: only a whole list can say whether the engine shows it (dangling) or hides it (a parent).
    const row = rowOf(raw);
    if (row.repoTags.length === 0) return null;
    if (old) {
      // Names only: tags move no bytes. The classic store's inspect names what its list does; the
      // containerd store's list names one repo digest per image (its inspect, one per repository), in a
      // repository picked by a rule the API does not state (most often that of the last name, not
      // always, as the property test found), so a change of names there is left to a whole list.
      if (!classic && !sameNames(old.repoTags, row.repoTags)) return null;
      listed.set(id, { ...old, repoTags: row.repoTags, repoDigests: classic ? row.repoDigests : old.repoDigests });
      continue;
    }
    const parent = row.parentId ? listed.get(row.parentId) : undefined;
    if (!classic || (parent && parent.repoTags.length === 0)) return null;
    listed.set(id, row);
    added.push(id);
  }
  // A name belongs to one image: one the events gave to an image is gone from any other.
  const owner = new Map<string, string>();
  for (const [id, raw] of named) for (const tag of raw ? listed.get(id)!.repoTags : []) owner.set(tag, id);
  for (const [id, image] of listed) {
    if (named.has(id) || !image.repoTags.some((tag) => owner.has(tag))) continue;
    const repoTags = image.repoTags.filter((tag) => !owner.has(tag));
    if (repoTags.length === 0) return null;
    listed.set(id, { ...image, repoTags });
  }
  for (const [id, facts] of await getManyLayers(added)) layers.set(id, facts);
  const containerChanged = events.some((event) => event.kind === 'container');
  const containers = containerChanged
    ? containersByImage(await engine((docker) => docker.listContainers({ all: true }) as Promise<RawContainer[]>))
    : snap.containers;
  // The containerd store's disk total counts containers' snapshots too.
  const engineDiskUsed = containerChanged && !classic ? await imageStoreDiskUsed() : snap.engineDiskUsed;
  // The engine lists newest first; a row added in place goes where a fresh list would put it. The
  // containerd store's rows count their containers too: recount them from the containers read now.
  const rows = [...listed.values()].map((image) =>
    containerChanged && image.engineContainers !== null ? { ...image, engineContainers: containers.get(image.id)?.length ?? 0 } : image,
  );
  if (added.length > 0) rows.sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
  return { ...snap, listed: rows, layers, containers, engineDiskUsed };
}
