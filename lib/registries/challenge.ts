// The registry's `WWW-Authenticate` answer to an unauthenticated request (RFC 7235), as the OCI
// distribution spec and Docker's token flow use it: `Basic realm="…"`, or
// `Bearer realm="https://auth…/token",service="…",scope="repository:app:pull"`. Pure.

export type Challenge =
  { scheme: 'basic'; realm: string | null } | { scheme: 'bearer'; realm: string; service: string | null; scope: string | null };

// auth-param = token "=" ( token / quoted-string ); quoted strings may hold commas and \-escapes.
const PARAM = /([A-Za-z0-9_.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;

function params(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(PARAM)) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    out[match[1]!.toLowerCase()] = value;
  }
  return out;
}

/** The first challenge Strata can answer (Bearer before Basic), or null. */
export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  // Several challenges may share one header: split where a new scheme starts.
  const parts = header.split(/,?\s*(?=\b(?:Bearer|Basic)\s)/i).filter((part) => part.trim());
  let basic: Challenge | null = null;
  for (const part of parts) {
    const [, scheme = '', rest = ''] = /^\s*(\S+)\s*(.*)$/s.exec(part) ?? [];
    const values = params(rest);
    if (scheme.toLowerCase() === 'bearer' && values.realm) {
      return { scheme: 'bearer', realm: values.realm, service: values.service ?? null, scope: values.scope ?? null };
    }
    if (scheme.toLowerCase() === 'basic') basic = { scheme: 'basic', realm: values.realm ?? null };
  }
  return basic;
}
