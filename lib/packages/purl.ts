// Package URLs (github.com/package-url/purl-spec) for the SBOMs: `pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12`.
// deb and apk namespaces and names are lowercased; versions and qualifier values percent-encoded
// (a Debian epoch's `:` becomes `%3A`); qualifiers sorted by key.
import type { InstalledPackage } from '@/lib/packages/package';
import type { OsRelease } from '@/lib/packages/os-release';

// encodeURIComponent leaves !'()* alone; the purl spec encodes all but letters, digits and .-_~.
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

export function purlOf(pkg: InstalledPackage, os: OsRelease | null): string {
  const namespace = (os?.id ?? (pkg.type === 'apk' ? 'alpine' : 'debian')).toLowerCase();
  const qualifiers: [string, string][] = [];
  if (pkg.arch) qualifiers.push(['arch', pkg.arch]);
  if (os) qualifiers.push(['distro', os.versionId ? `${os.id}-${os.versionId}` : os.id]);
  if (pkg.source && pkg.source !== pkg.name) qualifiers.push(['upstream', pkg.source]);
  qualifiers.sort(([a], [b]) => a.localeCompare(b));
  const query = qualifiers.map(([key, value]) => `${key}=${encode(value)}`).join('&');
  return `pkg:${pkg.type}/${encode(namespace)}/${encode(pkg.name.toLowerCase())}@${encode(pkg.version)}${query ? `?${query}` : ''}`;
}
