// The dpkg database: /var/lib/dpkg/status (every package, with its Status) and distroless images'
// /var/lib/dpkg/status.d/<name> (one stanza per file, no Status: what is there is installed).
// deb-control(5): `Field: value` lines, continuation lines start with a space or a tab.
import { stanzas, type InstalledPackage } from '@/lib/packages/package';

function fields(stanza: string): Map<string, string> {
  const map = new Map<string, string>();
  let last: string | null = null;
  for (const line of stanza.split('\n')) {
    if (/^[ \t]/.test(line)) {
      if (last) map.set(last, `${map.get(last)}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    map.set(last, line.slice(colon + 1).trim());
  }
  return map;
}

/**
 * Installed packages only: a Status of `… installed` (or no Status, as in status.d). A removed
 * package whose configuration files remain (`deinstall ok config-files`) is not installed.
 */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const stanza of stanzas(text)) {
    const field = fields(stanza);
    const name = field.get('package');
    const version = field.get('version');
    if (!name || !version) continue;
    const status = field.get('status');
    if (status !== undefined && status.split(/\s+/).at(-1) !== 'installed') continue;
    // `Source: name (version)` when the source version differs from the binary's.
    const source = field.get('source')?.split(/\s+/)[0] || null;
    const kib = Number(field.get('installed-size'));
    packages.push({
      type: 'deb',
      name,
      version,
      arch: field.get('architecture') || null,
      source,
      size: field.has('installed-size') && Number.isFinite(kib) ? kib * 1024 : null,
    });
  }
  return packages;
}
