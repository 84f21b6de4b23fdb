// Which layer installed, upgraded or removed each package. A layer that writes a package database
// replaces it as a whole (dpkg's status, apk's installed) or one entry of it (a distroless status.d
// file); a whiteout of the file removes what it listed. The packages as of a layer are the union of the
// databases as they stand after it, so each layer's change is the difference from the layer below.
import type { InstalledPackage } from '@/lib/packages/package';

/** A database file a layer wrote (its packages) or deleted (a whiteout: `removed`). */
export type DatabaseWrite = InstalledPackage[] | 'removed';

export interface LayerDatabaseWrites {
  /** Database files this layer wrote, by path in the image (`var/lib/dpkg/status`, `…/status.d/tzdata`). */
  files: Map<string, DatabaseWrite>;
  /** An opaque directory (`.wh..wh..opq`) hides every file under it from the layers below. */
  opaqueDirectories?: string[];
}

export type PackageChange = 'added' | 'upgraded' | 'removed';

export interface LayerPackage extends InstalledPackage {
  /** Index of the layer that made the change (oldest first). */
  layer: number;
  change: PackageChange;
  /** For an upgrade, the version the layer replaced. */
  previousVersion: string | null;
}

export interface LayerSummary {
  layer: number;
  added: number;
  upgraded: number;
  removed: number;
  /** Installed bytes the layer's changes add (removals and shrinking upgrades count negative). */
  sizeChange: number;
}

export interface PackagesByLayer {
  /** Every package installed in the top layer, with the layer that installed or last upgraded it. */
  installed: LayerPackage[];
  /** Every change of every layer, oldest first: the installs, upgrades and removals. */
  changes: LayerPackage[];
  layers: LayerSummary[];
}

const keyOf = (pkg: InstalledPackage) => `${pkg.type}\n${pkg.name}\n${pkg.arch ?? ''}`;

function union(files: Map<string, InstalledPackage[]>): Map<string, InstalledPackage> {
  const all = new Map<string, InstalledPackage>();
  for (const path of [...files.keys()].sort()) for (const pkg of files.get(path)!) all.set(keyOf(pkg), pkg);
  return all;
}

export function packagesByLayer(layers: LayerDatabaseWrites[]): PackagesByLayer {
  const files = new Map<string, InstalledPackage[]>();
  const origin = new Map<string, LayerPackage>();
  const changes: LayerPackage[] = [];
  const summaries: LayerSummary[] = [];
  let before = new Map<string, InstalledPackage>();
  layers.forEach((writes, layer) => {
    for (const dir of writes.opaqueDirectories ?? []) {
      for (const path of [...files.keys()]) if (path.startsWith(`${dir}/`)) files.delete(path);
    }
    for (const [path, write] of writes.files) {
      if (write === 'removed') files.delete(path);
      else files.set(path, write);
    }
    const after = union(files);
    const summary: LayerSummary = { layer, added: 0, upgraded: 0, removed: 0, sizeChange: 0 };
    for (const [key, pkg] of after) {
      const old = before.get(key);
      if (old && old.version === pkg.version) continue;
      const change: LayerPackage = { ...pkg, layer, change: old ? 'upgraded' : 'added', previousVersion: old?.version ?? null };
      changes.push(change);
      origin.set(key, change);
      summary[change.change === 'added' ? 'added' : 'upgraded'] += 1;
      summary.sizeChange += (pkg.size ?? 0) - (old?.size ?? 0);
    }
    for (const [key, old] of before) {
      if (after.has(key)) continue;
      changes.push({ ...old, layer, change: 'removed', previousVersion: null });
      origin.delete(key);
      summary.removed += 1;
      summary.sizeChange -= old.size ?? 0;
    }
    summaries.push(summary);
    before = after;
  });
  const installed = [...before.keys()]
    .map((key) => origin.get(key)!)
    .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  return { installed, changes, layers: summaries };
}
