// What Strata knows of one installed package, whatever database it came from.

export type PackageType = 'deb' | 'apk';

export interface InstalledPackage {
  type: PackageType;
  name: string;
  version: string;
  /** As the database names it: `amd64`, `all` (dpkg); `x86_64`, `aarch64`, `noarch` (apk). */
  arch: string | null;
  /** The source package it was built from, when the database says (dpkg `Source`, apk `o:` origin). */
  source: string | null;
  /** Bytes on disk as the database records them (dpkg counts KiB: ×1024); null when unrecorded. */
  size: number | null;
}

/** Stanzas of a Debian control-style file (dpkg status, apk installed use blank-line separated records). */
export function stanzas(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
}
