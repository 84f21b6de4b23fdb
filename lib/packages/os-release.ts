// /etc/os-release (and /usr/lib/os-release) as os-release(5) defines it: KEY=value lines, values
// optionally quoted, `#` comments. Read from the image's layers to say which OS an image is built on.

export interface OsRelease {
  /** `ID`: lowercase, e.g. `debian`, `alpine`, `ubuntu`; `linux` when the file does not say. */
  id: string;
  /** `VERSION_ID`: `12`, `3.20.3`; null when the file has none (Debian testing, Arch). */
  versionId: string | null;
  /** `PRETTY_NAME`, else `NAME` and `VERSION_ID`, else `Linux`. */
  prettyName: string;
  /** `ID_LIKE`: the distributions this one derives from (`debian` for Ubuntu). */
  idLike: string[];
  /** `VERSION_CODENAME`: `bookworm`; null when absent. */
  codename: string | null;
}

const ESCAPED = /\\([\\$"`])/g;

/** One value as the shell would read it: "double" (with \\ \$ \" \` escapes), 'single', or bare. */
function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(ESCAPED, '$1');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}

/** The file's fields; unknown keys are kept, malformed lines skipped (the spec says to ignore them). */
export function parseOsReleaseFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(trimmed);
    if (match) fields.set(match[1]!, unquote(match[2]!));
  }
  return fields;
}

export function parseOsRelease(text: string): OsRelease {
  const fields = parseOsReleaseFields(text);
  const id = (fields.get('ID') || 'linux').toLowerCase();
  const versionId = fields.get('VERSION_ID') || null;
  const name = fields.get('NAME') || null;
  return {
    id,
    versionId,
    prettyName: fields.get('PRETTY_NAME') || [name ?? 'Linux', versionId].filter(Boolean).join(' '),
    idLike: (fields.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
    codename: fields.get('VERSION_CODENAME') || null,
  };
}
