// An image's OS and packages from its layers' parsed databases and entries, oldest layer first:
// a database file written by a layer replaces the one below; a whiteout of it (or of a folder above
// it) or an opaque folder removes it, as the filesystem would.
import type { LayerEntry } from '@/lib/api/analysis';
import type { ImageOs, ImagePackage, ImagePackages, UnreadDatabase } from '@/lib/api/packages';
import type { LayerDatabases } from '@/lib/packages/capture';
import { packagesByLayer, type DatabaseWrite, type LayerDatabaseWrites, type LayerPackage } from '@/lib/packages/layers';
import type { OsRelease } from '@/lib/packages/os-release';
import { purlOf } from '@/lib/packages/purl';

export interface LayerFacts {
  entries: LayerEntry[];
  databases: LayerDatabases;
}

type OsFile = { release: OsRelease; layer: number } | { link: string } | null;

const removedBy = (entries: LayerEntry[]) => entries.filter((entry) => entry.removes || entry.opaque).map((entry) => entry.path);
const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

function writesOf(layer: LayerFacts): LayerDatabaseWrites {
  const files = new Map<string, DatabaseWrite>();
  const opaqueDirectories: string[] = [];
  for (const entry of layer.entries) {
    if (entry.removes) {
      files.set(entry.path, 'removed');
      opaqueDirectories.push(entry.path);
    } else if (entry.opaque) opaqueDirectories.push(entry.path);
  }
  for (const [path, packages] of Object.entries(layer.databases.packages)) files.set(path, packages);
  return { files, opaqueDirectories };
}

/** The OS release file as of each layer: `/etc/os-release` first (a symlink to the other, often), then `/usr/lib/os-release`. */
function osOf(layers: LayerFacts[]): { release: OsRelease; layer: number } | null {
  const state = new Map<string, OsFile>([
    ['etc/os-release', null],
    ['usr/lib/os-release', null],
  ]);
  layers.forEach((layer, index) => {
    for (const gone of removedBy(layer.entries)) for (const path of state.keys()) if (under(path, gone)) state.set(path, null);
    for (const entry of layer.entries) {
      if (!state.has(entry.path) || entry.removes || entry.opaque) continue;
      const release = layer.databases.osRelease[entry.path];
      if (release) state.set(entry.path, { release, layer: index });
      else if (entry.type === 'symlink' && entry.linkTarget) state.set(entry.path, { link: entry.linkTarget });
    }
  });
  const etc = state.get('etc/os-release') ?? null;
  const lib = state.get('usr/lib/os-release') ?? null;
  if (etc && 'release' in etc) return etc;
  // A symlink (`../usr/lib/os-release`, or absolute) or no file: the one under /usr/lib is the OS.
  return lib && 'release' in lib ? lib : null;
}

/** What the databases in these layers say (positions are 1-based, as in the analysis). */
export function imagePackages(diffIds: string[], layers: LayerFacts[]): Omit<ImagePackages, 'imageId'> {
  const found = osOf(layers);
  const release = found?.release ?? null;
  const byLayer = packagesByLayer(layers.map(writesOf));
  const row = (pkg: LayerPackage): ImagePackage => ({
    name: pkg.name,
    version: pkg.version,
    arch: pkg.arch,
    type: pkg.type,
    source: pkg.source,
    layer: pkg.layer + 1,
    diffId: diffIds[pkg.layer] ?? '',
    size: pkg.size,
    change: pkg.change,
    previousVersion: pkg.previousVersion,
    purl: purlOf(pkg, release),
  });
  const os: ImageOs | null =
    found && release
      ? {
          id: release.id,
          versionId: release.versionId,
          prettyName: release.prettyName,
          layer: found.layer + 1,
          diffId: diffIds[found.layer] ?? '',
        }
      : null;
  const unread: UnreadDatabase[] = layers.flatMap((layer, index) =>
    layer.databases.unread.map(({ path, reason }) => ({
      path,
      layer: index + 1,
      reason,
      message:
        reason === 'rpm'
          ? 'RPM databases are not read yet: the packages of RPM-based images (Red Hat, Fedora, SUSE) are not listed.'
          : 'This database file is over the size Strata reads, so its packages are not listed.',
    })),
  );
  return {
    os,
    packages: byLayer.installed.map(row),
    changes: byLayer.changes.map(row),
    layers: byLayer.layers.map((summary) => ({
      position: summary.layer + 1,
      diffId: diffIds[summary.layer] ?? '',
      added: summary.added,
      upgraded: summary.upgraded,
      removed: summary.removed,
      sizeChange: summary.sizeChange,
    })),
    unread,
  };
}
