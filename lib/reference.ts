// Image references, validated with the distribution/reference grammar (lib/reference-grammar.ts, a
// linear-time port of Docker's rules) before anything reaches the engine. Pure: safe in the browser
// and on the server.
import { parseNormalizedName } from '@/lib/reference-grammar';

export interface ParsedReference {
  /** What the user typed, trimmed. */
  input: string;
  /** Registry host, `docker.io` when none was given. */
  domain: string;
  /** Path within the registry, with `library/` for single-name Docker Hub repositories. */
  path: string;
  tag: string | null;
  digest: string | null;
  /** Fully qualified: `docker.io/library/nginx:latest`. */
  normalized: string;
  /** As Docker prints it: `nginx:latest`, `localhost:5555/team/app:1.0`. */
  familiar: string;
}

export type ReferenceResult = { ok: true; ref: ParsedReference } | { ok: false; message: string };

const HUB = 'docker.io';

/** Familiar repository name: strips `docker.io/` and `library/` the way the Docker CLI does. */
export function familiarRepository(domain: string, path: string): string {
  if (domain !== HUB) return `${domain}/${path}`;
  return path.startsWith('library/') && path.split('/').length === 2 ? path.slice('library/'.length) : path;
}

// Control characters (NUL, CR/LF, tab…), invisible format characters (bidi overrides, zero-width
// spaces, byte-order marks) and line separators: never part of a reference, and trimming them away
// would let `app:1\n` name `app:1`. Refused before anything else, with the character named.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const DIGEST_LIKE = /^(sha256|sha384|sha512):/i;

/** Why `raw` may not be a reference or ID because of a character nobody can see, or null. */
export function invisibleCharacterProblem(raw: string): string | null {
  const match = INVISIBLE.exec(raw);
  if (!match) return null;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `An image reference may not contain control or invisible characters (found U+${code} at position ${match.index + 1}).`;
}

export function parseReference(raw: string): ReferenceResult {
  const invisible = invisibleCharacterProblem(raw);
  if (invisible) return { ok: false, message: invisible };
  const input = raw.trim();
  if (input === '') return { ok: false, message: 'An image reference is empty.' };
  // The grammar would read `sha256:abc` as repository "sha256", tag "abc"; nobody means that.
  if (DIGEST_LIKE.test(input)) {
    return {
      ok: false,
      message: `“${input}” looks like an image ID of the wrong form: an ID is sha256: and 64 hex digits, or its first 12 or more.`,
    };
  }
  if (input.length > 512) return { ok: false, message: 'An image reference is at most 255 characters of name plus tag or digest.' };
  try {
    const { domain: givenDomain, repository: path, tag: givenTag, digest } = parseNormalizedName(input);
    // `foo_bar.com/app`: the first component looks like a host but is not a valid one, so the grammar
    // reads the whole name as a path with no domain — a Docker Hub repository, as the engine reads it.
    const domain = givenDomain || HUB;
    const tag = givenTag ?? (digest ? null : 'latest');
    const suffix = `${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
    return {
      ok: true,
      ref: {
        input,
        domain,
        path,
        tag,
        digest,
        normalized: `${domain}/${path}${suffix}`,
        familiar: `${familiarRepository(domain, path)}${suffix}`,
      },
    };
  } catch (error) {
    return { ok: false, message: explainReferenceError(input, error instanceof Error ? error.message : String(error)) };
  }
}

/** The grammar's own messages are terse; say what is wrong in words a newcomer can act on. */
function explainReferenceError(input: string, message: string): string {
  // Before the case check: `%2F` would otherwise read as "capital letters".
  if (/%[0-9a-f]{2}/i.test(input)) return `“${input}” holds a percent-escape; a reference never does (was it encoded twice?).`;
  if (/must be lowercase/.test(message))
    return `“${input}” has capital letters in its repository name; repository names must be lowercase.`;
  if (/64-byte hexadecimal/.test(message)) return `“${input}” looks like a full image ID, not a name; use it as an ID instead.`;
  const tag = input.includes('@') ? null : input.slice(input.lastIndexOf('/') + 1).split(':')[1];
  if (tag !== undefined && tag !== null && !/^[\w][\w.-]{0,127}$/.test(tag)) {
    return `“${tag}” is not a valid tag: a tag is 1–128 letters, digits, “_”, “.” or “-”, and cannot start with “.” or “-”.`;
  }
  return `“${input}” is not a valid image reference (expected [registry/]name[:tag][@digest], for example nginx:1.27 or localhost:5000/team/app:v1).`;
}

const ID_PATTERN = /^(sha256:)?[0-9a-f]{12,64}$/;

/** An image ID or short ID, as opposed to a name. 12+ hex characters, optionally `sha256:`-prefixed. */
export function looksLikeImageId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * What the image routes accept in `{ref}`: a full or short image ID, or a valid reference.
 * Returns the string to hand to the engine.
 */
export function parseImageRef(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const invisible = invisibleCharacterProblem(raw);
  if (invisible) return { ok: false, message: invisible };
  const value = raw.trim();
  if (looksLikeImageId(value)) return { ok: true, value };
  const parsed = parseReference(value);
  return parsed.ok ? { ok: true, value: parsed.ref.familiar } : parsed;
}

// Names that are also fixed routes beside `/api/images/{ref}` (and `/images/{ref}`): a bare `load`
// would reach the load route. The same image by its explicit tag, `load:latest`, cannot.
const ROUTE_NAMES = new Set(['load', 'import', 'export', 'bulk', 'compare']);

/** `ref` as one encoded path segment under /api/images/ or /images/, never shadowed by a fixed route. */
export function imagePathSegment(ref: string): string {
  return encodeURIComponent(ROUTE_NAMES.has(ref) ? `${ref}:latest` : ref);
}
