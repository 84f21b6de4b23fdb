// Alpine's database, /lib/apk/db/installed: one record per package, blank-line separated, each line
// a one-letter key and its value (`P:` name, `V:` version, `A:` arch, `o:` origin, `I:` installed bytes).
import { stanzas, type InstalledPackage } from '@/lib/packages/package';

export function parseApkInstalled(text: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  for (const stanza of stanzas(text)) {
    const field = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      // Only the package's own lines: F:/R: (files) repeat and are not needed here.
      if (line.length >= 2 && line[1] === ':' && !field.has(line[0]!)) field.set(line[0]!, line.slice(2).trim());
    }
    const name = field.get('P');
    const version = field.get('V');
    if (!name || !version) continue;
    const bytes = Number(field.get('I'));
    packages.push({
      type: 'apk',
      name,
      version,
      arch: field.get('A') || null,
      source: field.get('o') || null,
      size: field.has('I') && Number.isFinite(bytes) ? bytes : null,
    });
  }
  return packages;
}
