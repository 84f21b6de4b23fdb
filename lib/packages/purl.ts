// Package URLs (github.com/package-url/purl-spec) for the SBOMs: `pkg:deb/debian/curl@7.88.1-10+deb12u8?arch=amd64&distro=debian-12`.
// packageurl-js does the spec's per-type normalising (deb and apk names lowercased) and its encoding;
// here is only what goes in: the distro as namespace, arch, `distro=<id>-<version>`, the source package
// as `upstream` when it differs, as syft and trivy write them so scanners match.
import { PackageURL } from 'packageurl-js';
import type { InstalledPackage } from '@/lib/packages/package';
import type { OsRelease } from '@/lib/packages/os-release';

export function purlOf(pkg: InstalledPackage, os: OsRelease | null): string {
  const namespace = (os?.id ?? (pkg.type === 'apk' ? 'alpine' : 'debian')).toLowerCase();
  const qualifiers: Record<string, string> = {};
  if (pkg.arch) qualifiers.arch = pkg.arch;
  if (os) qualifiers.distro = os.versionId ? `${os.id}-${os.versionId}` : os.id;
  if (pkg.source && pkg.source !== pkg.name) qualifiers.upstream = pkg.source;
  return new PackageURL(pkg.type, namespace, pkg.name, pkg.version, qualifiers, undefined).toString();
}
