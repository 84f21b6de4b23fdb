// Which files of a layer the analysis keeps the bytes of, while it streams the layer once: the OS
// release files and the package databases. Everything else is only hashed. Each kind has a size
// limit, so a huge or hostile file is noted instead of held in memory.
import { parseApkInstalled } from '@/lib/packages/apk';
import { parseDpkgStatus } from '@/lib/packages/dpkg';
import { parseOsRelease, type OsRelease } from '@/lib/packages/os-release';
import type { InstalledPackage } from '@/lib/packages/package';

export type CaptureKind = 'os-release' | 'dpkg' | 'apk' | 'rpm';

export const OS_RELEASE_PATHS = ['etc/os-release', 'usr/lib/os-release'] as const;
const DPKG_STATUS = 'var/lib/dpkg/status';
const DPKG_STATUS_D = 'var/lib/dpkg/status.d/';
const APK_INSTALLED = 'lib/apk/db/installed';
// The RPM databases of each era: Berkeley DB (RHEL ≤ 8), NDB (SUSE), SQLite (RHEL 9, Fedora ≥ 33).
const RPM_DATABASES = new Set([
  'var/lib/rpm/Packages',
  'var/lib/rpm/Packages.db',
  'var/lib/rpm/rpmdb.sqlite',
  'usr/lib/sysimage/rpm/Packages.db',
  'usr/lib/sysimage/rpm/rpmdb.sqlite',
]);

/** Bytes kept of one file, per kind: a Debian status of 3,000 packages is about 4 MB. */
export const CAPTURE_LIMITS: Record<Exclude<CaptureKind, 'rpm'>, number> = {
  'os-release': 64 * 1024,
  dpkg: 64 * 1024 * 1024,
  apk: 64 * 1024 * 1024,
};

// Benchmark-only (scripts/bench/packages.mjs): the same analysis with nothing captured, so the cost of
// reading packages can be measured against it in one run. Never set it otherwise.
const SKIP_FOR_BENCHMARK = process.env.STRATA_BENCH_SKIP_PACKAGES === '1';

/** What a path is to the package reader, or null for any other file. */
export function captureKind(path: string): CaptureKind | null {
  if (SKIP_FOR_BENCHMARK) return null;
  if ((OS_RELEASE_PATHS as readonly string[]).includes(path)) return 'os-release';
  if (path === DPKG_STATUS) return 'dpkg';
  // Distroless images keep one stanza file per package; `.md5sums` files beside them hold no stanza.
  if (path.startsWith(DPKG_STATUS_D) && !path.slice(DPKG_STATUS_D.length).includes('/') && !path.endsWith('.md5sums')) return 'dpkg';
  if (path === APK_INSTALLED) return 'apk';
  if (RPM_DATABASES.has(path)) return 'rpm';
  return null;
}

/** What one layer's database files say, kept in the layer cache beside its entries. */
export interface LayerDatabases {
  /** Package database files the layer wrote, parsed, by path. */
  packages: Record<string, InstalledPackage[]>;
  /** OS release files the layer wrote, parsed, by path. */
  osRelease: Record<string, OsRelease>;
  /** Database files the layer wrote that were not read: RPM databases, files over their limit. */
  unread: { path: string; reason: 'rpm' | 'too-large' }[];
}

export const emptyDatabases = (): LayerDatabases => ({ packages: {}, osRelease: {}, unread: [] });

/** Adds one captured file to a layer's databases. */
export function addCapturedFile(databases: LayerDatabases, path: string, kind: Exclude<CaptureKind, 'rpm'>, bytes: Buffer): void {
  const text = bytes.toString('utf8');
  if (kind === 'os-release') databases.osRelease[path] = parseOsRelease(text);
  else databases.packages[path] = kind === 'dpkg' ? parseDpkgStatus(text) : parseApkInstalled(text);
}
