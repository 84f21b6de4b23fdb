// Wasted space across an image's layers, counted correctly (dive double-counts):
//  - a file overwritten or re-added in a later layer wastes the EARLIER copies' bytes, never the copy
//    that stays;
//  - a file or directory deleted in a later layer (whiteout, or an opaque directory) wastes everything
//    it held in earlier layers;
//  - a rewrite that changes only mode or owner (same content hash) is a full copy too, labelled so.
// efficiency = 1 − wasted / total, where total is all file bytes the layers store.
import type { Change, ImageAnalysis, LayerChange, LayerEntry, LayerSummary, WastedPath } from '@/lib/api/analysis';

interface Live {
  size: number;
  hash: string | null;
  mode: number;
  uid: number;
  gid: number;
  type: LayerEntry['type'];
  layer: number;
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

export function analyseLayers(diffIds: readonly string[], layers: readonly LayerEntry[][]): ImageAnalysis {
  const live = new Map<string, Live>();
  const wasted: WastedPath[] = [];
  const summaries: LayerSummary[] = [];
  const changes: LayerChange[][] = [];
  let totalBytes = 0;

  const drop = (position: number, prefix: string, how: string) => {
    for (const [path, entry] of [...live]) {
      if (!under(path, prefix)) continue;
      live.delete(path);
      if (entry.size > 0) {
        wasted.push({
          path,
          bytes: entry.size,
          kind: 'deleted',
          layers: [entry.layer, position],
          reason: `Added in layer ${entry.layer}, ${how} in layer ${position}: the bytes stay in layer ${entry.layer}.`,
          hint: 'Create and delete it in the same RUN step (or use a multi-stage build) so no layer keeps it.',
        });
      }
    }
  };

  layers.forEach((entries, index) => {
    const position = index + 1;
    const list: LayerChange[] = [];
    let added = 0;
    let modified = 0;
    let removed = 0;
    let bytes = 0;
    // Opaque directories and whiteouts act on what earlier layers left, whatever their order in the tar.
    for (const entry of entries.filter((candidate) => candidate.opaque)) {
      drop(position, entry.path, 'hidden by an opaque directory');
    }
    for (const entry of entries.filter((candidate) => candidate.removes)) {
      const had = [...live.keys()].some((path) => under(path, entry.path));
      if (!had) continue;
      const size = [...live].filter(([path]) => under(path, entry.path)).reduce((sum, [, item]) => sum + item.size, 0);
      drop(position, entry.path, 'deleted');
      removed += 1;
      list.push({ path: entry.path, type: 'other', size, mode: 0, uid: 0, gid: 0, change: 'removed', permissionsOnly: false });
    }
    for (const entry of entries.filter((candidate) => !candidate.removes && !candidate.opaque)) {
      const before = live.get(entry.path);
      let change: Change = 'added';
      let permissionsOnly = false;
      if (before) {
        const metadataChanged = before.mode !== entry.mode || before.uid !== entry.uid || before.gid !== entry.gid;
        const contentChanged = before.hash !== entry.hash || before.type !== entry.type || before.size !== entry.size;
        change = entry.type === 'directory' && !metadataChanged ? 'unchanged' : 'modified';
        permissionsOnly = !contentChanged && metadataChanged;
        if (before.size > 0 && entry.type !== 'directory') {
          wasted.push({
            path: entry.path,
            bytes: before.size,
            kind: permissionsOnly ? 'permissions' : 'overwritten',
            layers: [before.layer, position],
            reason: permissionsOnly
              ? `Only its mode or owner changed in layer ${position}, but the layer stores a full copy; layer ${before.layer}'s copy still takes space.`
              : `Written in layer ${before.layer} and again in layer ${position}: the earlier copy still takes space.`,
            hint: permissionsOnly
              ? 'Set permissions as you copy (COPY --chmod / --chown) instead of a later chmod or chown.'
              : 'Write the file once, in the step that produces its final content.',
          });
        }
      }
      if (change === 'added') added += 1;
      if (change === 'modified') modified += 1;
      bytes += entry.size;
      list.push({
        path: entry.path,
        type: entry.type,
        size: entry.size,
        mode: entry.mode,
        uid: entry.uid,
        gid: entry.gid,
        change,
        permissionsOnly,
        ...(entry.linkTarget ? { linkTarget: entry.linkTarget } : {}),
      });
      live.set(entry.path, {
        size: entry.size,
        hash: entry.hash,
        mode: entry.mode,
        uid: entry.uid,
        gid: entry.gid,
        type: entry.type,
        layer: position,
      });
    }
    totalBytes += bytes;
    summaries.push({ position, diffId: diffIds[index] ?? '', added, modified, removed, bytes });
    changes.push(list.sort((a, b) => a.path.localeCompare(b.path)));
  });

  const wastedBytes = wasted.reduce((sum, item) => sum + item.bytes, 0);
  return {
    efficiency: totalBytes > 0 ? 1 - wastedBytes / totalBytes : 1,
    wastedBytes,
    totalBytes,
    layers: summaries,
    wasted: wasted.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path)),
    changes,
  };
}
