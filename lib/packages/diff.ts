// Two images' installed packages side by side, for the compare page: what B adds, drops and changes.
import type { ImagePackage } from '@/lib/api/packages';

export type PackageDiffKind = 'added' | 'removed' | 'changed';

export interface PackageDiffRow {
  type: ImagePackage['type'];
  name: string;
  arch: string | null;
  kind: PackageDiffKind;
  a: string | null;
  b: string | null;
  /** Installed bytes B has more (negative: fewer) for this package. */
  sizeDelta: number;
}

export interface PackageDiff {
  rows: PackageDiffRow[];
  same: number;
}

const keyOf = (pkg: ImagePackage) => `${pkg.type}\n${pkg.name}\n${pkg.arch ?? ''}`;

export function diffPackages(a: readonly ImagePackage[], b: readonly ImagePackage[]): PackageDiff {
  const before = new Map(a.map((pkg) => [keyOf(pkg), pkg]));
  const after = new Map(b.map((pkg) => [keyOf(pkg), pkg]));
  const rows: PackageDiffRow[] = [];
  let same = 0;
  for (const [key, pkg] of after) {
    const old = before.get(key);
    if (old && old.version === pkg.version) {
      same += 1;
      continue;
    }
    rows.push({
      type: pkg.type,
      name: pkg.name,
      arch: pkg.arch,
      kind: old ? 'changed' : 'added',
      a: old?.version ?? null,
      b: pkg.version,
      sizeDelta: (pkg.size ?? 0) - (old?.size ?? 0),
    });
  }
  for (const [key, old] of before) {
    if (after.has(key)) continue;
    rows.push({ type: old.type, name: old.name, arch: old.arch, kind: 'removed', a: old.version, b: null, sizeDelta: -(old.size ?? 0) });
  }
  const order: Record<PackageDiffKind, number> = { changed: 0, added: 1, removed: 2 };
  rows.sort((x, y) => order[x.kind] - order[y.kind] || x.name.localeCompare(y.name));
  return { rows, same };
}
