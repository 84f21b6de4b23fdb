// Docker's image reference grammar (github.com/distribution/reference, the package the engine uses),
// checked in linear time. The upstream grammar is one big regular expression; ported to JavaScript's
// backtracking engine it is exponential (`'a'.repeat(24) + '-'` runs for half an hour). Here the
// string is first cut at the only places the grammar allows (`@`, the tag's `:`, the first `/`) and
// each piece is checked with two kinds of pattern only: one character class over the whole piece
// (after at most a fixed first character), or a search for a forbidden pair of characters. Neither
// has two ways to read the same text, so a failed match costs one pass. Pure and dependency-free:
// it runs in the browser as the user types.

export interface ReferenceParts {
  /** Registry host and port as written, `docker.io` for Docker Hub; '' when the name has no valid domain. */
  domain: string;
  /** Path within the registry: `library/nginx`, `team/app`. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** A refusal, with distribution's own wording (`invalid reference format`, …). */
export class ReferenceGrammarError extends Error {
  override name = 'ReferenceGrammarError';
}

const HUB = 'docker.io';
const LEGACY_HUB = 'index.docker.io';
const OFFICIAL = 'library/';
// distribution counts only the path against this limit since reference v0.6.0 (PR #9); the
// domain used to count too, and still does in older engines and in @swimlane/docker-reference.
const PATH_MAX = 255;

const IDENTIFIER = /^[a-f0-9]{64}$/;
// Hosts and paths are checked whole (allowed characters, what may not sit at either end, which
// neighbours are forbidden) rather than split into components, so ten thousand `a/` allocate nothing.
//
// Host: dot-separated labels of letters, digits and inner dashes.
const HOST_CHARS = /^[a-zA-Z0-9.-]+$/;
const HOST_EDGE = /^[.-]|[.-]$/;
const HOST_BAD_PAIR = /\.\.|\.-|-\./;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
// Remote name: `/`-separated components, each lowercase alphanumeric runs joined by one of `.`,
// `_`, `__` or any number of `-`. So no `.` or `/` next to another separator or slash, no `_`
// next to a `-`, and no `___`; `__` and `--` are the only neighbours allowed.
const REMOTE_CHARS = /^[a-z0-9._/-]+$/;
const REMOTE_EDGE = /^[._/-]|[._/-]$/;
const REMOTE_BAD_PAIR = /[./][._/-]|[._/-][./]|_-|-_|___/;
const TAG = /^\w[\w.-]{0,127}$/;
// A digest algorithm is letter-led components joined by one of `-_+.`: allowed characters, a letter
// first, and a letter after every separator (which also rules out doubled and trailing ones).
const ALGORITHM_CHARS = /^[A-Za-z][A-Za-z0-9_+.-]*$/;
const SEPARATOR_NOT_BEFORE_LETTER = /[-_+.](?![A-Za-z])/;
const DIGEST_HEX = /^[0-9a-fA-F]{32,}$/;
// go-digest v1 (what the engine vendors): the algorithms it knows and their hex length.
const DIGEST_SIZES: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** distribution's domainAndPort: DNS-ish labels or a bracketed IPv6 address, then an optional port. */
function isDomain(value: string): boolean {
  const close = value.startsWith('[') ? value.indexOf(']') + 1 : 0;
  const colon = value.indexOf(':', close);
  const host = colon === -1 ? value : value.slice(0, colon);
  if (colon !== -1 && !PORT.test(value.slice(colon + 1))) return false;
  if (close > 0) return IPV6.test(host);
  return HOST_CHARS.test(host) && !HOST_EDGE.test(host) && !HOST_BAD_PAIR.test(host);
}

/** distribution's remote-name: path components joined by single slashes. */
function isRemoteName(value: string): boolean {
  return REMOTE_CHARS.test(value) && !REMOTE_EDGE.test(value) && !REMOTE_BAD_PAIR.test(value);
}

/** distribution's digestPat: `algorithm:hex`, at least 32 hex digits. */
function isDigest(value: string): boolean {
  const colon = value.indexOf(':');
  const algorithm = value.slice(0, colon);
  return (
    colon > 0 && ALGORITHM_CHARS.test(algorithm) && !SEPARATOR_NOT_BEFORE_LETTER.test(algorithm) && DIGEST_HEX.test(value.slice(colon + 1))
  );
}

interface Match {
  domain: string;
  path: string;
  tag: string;
  digest: string;
}

// ReferenceRegexp, anchored: name [":" tag] ["@" digest]. Only a digest contains '@' and it contains
// exactly one ':'; a colon inside the name (a port, an IPv6 address) always has a '/' after it and a
// tag has none, so these cuts are the only reading the regexp could find.
function matchReference(s: string): Match | null {
  const at = s.indexOf('@');
  const digest = at === -1 ? '' : s.slice(at + 1);
  if (at !== -1 && !isDigest(digest)) return null;
  const beforeDigest = at === -1 ? s : s.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const hasTag = colon !== -1 && !beforeDigest.includes('/', colon);
  const name = hasTag ? beforeDigest.slice(0, colon) : beforeDigest;
  const tag = hasTag ? beforeDigest.slice(colon + 1) : '';
  if (hasTag && !TAG.test(tag)) return null;
  // anchoredNameRegexp prefers reading the first component as a domain; when that fails the whole
  // name may still be a path (`foo_bar.com/x`), and then the domain is empty.
  const slash = name.indexOf('/');
  if (slash !== -1 && isDomain(name.slice(0, slash)) && isRemoteName(name.slice(slash + 1))) {
    return { domain: name.slice(0, slash), path: name.slice(slash + 1), tag, digest };
  }
  return isRemoteName(name) ? { domain: '', path: name, tag, digest } : null;
}

// go-digest's Digest.Validate, once the reference grammar has vouched for the shape. An algorithm
// it does not know is "unsupported" if it would be a well-formed go-digest algorithm (which, given
// that shape, means no capitals) and malformed otherwise; a known one needs its exact length of
// lowercase hex.
function digestProblem(digest: string): string | null {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const size = DIGEST_SIZES[algorithm];
  if (size === undefined) return /[A-Z]/.test(algorithm) ? 'invalid checksum digest format' : 'unsupported digest algorithm';
  if (encoded.length !== size) return 'invalid checksum digest length';
  return /[A-F]/.test(encoded) ? 'invalid checksum digest format' : null;
}

/** distribution's Parse: the grammar, then the length limit, then the digest. */
function parse(s: string): ReferenceParts {
  if (s === '') throw new ReferenceGrammarError('repository name must have at least one component');
  const match = matchReference(s);
  if (!match) {
    const lower = s.toLowerCase();
    const uppercase = lower !== s && matchReference(lower) !== null;
    throw new ReferenceGrammarError(uppercase ? 'repository name must be lowercase' : 'invalid reference format');
  }
  if (match.path.length > PATH_MAX) throw new ReferenceGrammarError(`repository name must not be more than ${PATH_MAX} characters`);
  const problem = match.digest ? digestProblem(match.digest) : null;
  if (problem) throw new ReferenceGrammarError(problem);
  return { domain: match.domain, repository: match.path, tag: match.tag || null, digest: match.digest || null };
}

// distribution's splitDockerDomain: the first component is a registry only if it looks like one
// (a dot, a port, `localhost`, or capitals, which a repository may not have).
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf('/');
  if (slash === -1) return [HUB, OFFICIAL + name];
  const first = name.slice(0, slash);
  const registry = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  const domain = !registry || first === LEGACY_HUB ? HUB : first;
  const remainder = registry ? name.slice(slash + 1) : name;
  return [domain, domain === HUB && !remainder.includes('/') ? OFFICIAL + remainder : remainder];
}

/**
 * distribution's ParseNormalizedNamed: `nginx` → docker.io / library/nginx. Throws
 * ReferenceGrammarError with the engine's message when `s` is not a reference. Does not trim,
 * default the tag or cap the length: callers decide those.
 */
export function parseNormalizedName(s: string): ReferenceParts {
  if (IDENTIFIER.test(s)) throw new ReferenceGrammarError(`invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`);
  const [domain, remainder] = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote)
    throw new ReferenceGrammarError(`invalid reference format: repository name (${remote}) must be lowercase`);
  return parse(`${domain}/${remainder}`);
}
