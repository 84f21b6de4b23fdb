// Where a path's bytes are, as the image's filesystem would show it at one layer: the highest layer at
// or below it that holds the path, unless a whiteout (of it or a folder above) or an opaque folder in
// between hides it; symlinks followed (also in the folders on the way) as the kernel would, and a
// hard link read from the file it names in the same layer's tar.
import type { LayerEntry } from '@/lib/api/analysis';

export type ResolvedPath =
  | { kind: 'file'; layer: number; path: string; memberPath: string; size: number }
  | { kind: 'directory'; path: string }
  | { kind: 'missing'; path: string; reason: 'absent' | 'deleted' | 'loop' | 'not-a-file' };

interface LayerIndex {
  byPath: Map<string, LayerEntry>;
  removed: Set<string>;
  opaque: Set<string>;
}

const MAX_LINKS = 40; // Linux's own limit on symlinks followed in one lookup

function indexOf(entries: LayerEntry[]): LayerIndex {
  const index: LayerIndex = { byPath: new Map(), removed: new Set(), opaque: new Set() };
  for (const entry of entries) {
    if (entry.removes) index.removed.add(entry.path);
    else {
      if (entry.opaque) index.opaque.add(entry.path);
      index.byPath.set(entry.path, entry);
    }
  }
  return index;
}

const ancestors = (path: string) =>
  path
    .split('/')
    .map((_, i, parts) => parts.slice(0, i).join('/'))
    .filter(Boolean);

function normalise(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

export class LayerFilesystem {
  private readonly layers: LayerIndex[];

  /** `layers` oldest first, up to and including the layer the filesystem is seen at. */
  constructor(layers: LayerEntry[][]) {
    this.layers = layers.map(indexOf);
  }

  /** The entry at `path` and the 0-based layer it is in, or why there is none. */
  lookup(path: string): { entry: LayerEntry; layer: number } | 'absent' | 'deleted' {
    const above = ancestors(path);
    for (let layer = this.layers.length - 1; layer >= 0; layer -= 1) {
      const index = this.layers[layer]!;
      const entry = index.byPath.get(path);
      if (entry) return { entry, layer };
      if (index.removed.has(path) || above.some((folder) => index.removed.has(folder))) return 'deleted';
      if (above.some((folder) => index.opaque.has(folder))) return 'deleted';
    }
    return 'absent';
  }

  /** Resolves `path` (no leading slash) to the layer and tar member holding its bytes. */
  resolve(path: string): ResolvedPath {
    let pending = normalise(path.split('/'));
    let done: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      const candidate = [...done, part].join('/');
      const found = this.lookup(candidate);
      // A folder on the way may have no entry of its own (a tar need not list parents): the full
      // path's lookup below decides whether the file is there.
      const entry = typeof found === 'string' ? null : found.entry;
      if (entry?.type === 'symlink' && entry.linkTarget !== null) {
        if (++links > MAX_LINKS) return { kind: 'missing', path: candidate, reason: 'loop' };
        const target = entry.linkTarget.split('/');
        pending = normalise([...(entry.linkTarget.startsWith('/') ? [] : done), ...target, ...pending]);
        done = [];
        continue;
      }
      done.push(part);
      if (pending.length > 0 && entry && entry.type !== 'directory') return { kind: 'missing', path: candidate, reason: 'not-a-file' };
    }
    const resolved = done.join('/');
    if (!resolved) return { kind: 'directory', path: '' };
    const found = this.lookup(resolved);
    if (typeof found === 'string') return { kind: 'missing', path: resolved, reason: found };
    const { entry, layer } = found;
    if (entry.type === 'directory') return { kind: 'directory', path: resolved };
    if (entry.type === 'hardlink' && entry.linkTarget) {
      // A tar's hard link names an earlier member of the same tar: the bytes are that member's.
      const memberPath = normalise(entry.linkTarget.split('/')).join('/');
      const target = this.layers[layer]!.byPath.get(memberPath);
      if (!target || target.type !== 'file') return { kind: 'missing', path: resolved, reason: 'not-a-file' };
      return { kind: 'file', layer, path: resolved, memberPath, size: target.size };
    }
    if (entry.type !== 'file') return { kind: 'missing', path: resolved, reason: 'not-a-file' };
    return { kind: 'file', layer, path: resolved, memberPath: resolved, size: entry.size };
  }
}
