// What the bad-input suite sends. Routes are found on disk (routes.ts); this file says what is hostile,
// and, for the routes that exist today, which harmless context to put the hostile value in.
// A route not listed in KNOWN still gets every category, with generic field names.

/** The image a hostile value names when it is accepted by mistake: any accepted write changes it. */
export const VICTIM = 'strata-bad/victim:1';
/** A valid reference to an image that does not exist: the harmless value for the other fields. */
export const NOSUCH = 'strata-bad/nosuch:1';

const hex = (n: number, c = 'a') => c.repeat(n);

/** Malformed and hostile references, most of them one character away from naming the victim. */
export const HOSTILE_REFS: Record<string, string> = {
  uppercase: 'Strata-Bad/Victim:1',
  'uppercase, all': 'STRATA-BAD/VICTIM:1',
  'dot-dot': 'strata-bad/..victim:1',
  'foo..bar': 'strata..bad/victim:1',
  '..': '..',
  'path traversal': '../../etc/passwd',
  'path traversal, encoded': '..%2F..%2Fetc%2Fpasswd',
  'path traversal, double-dot-encoded': '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'path traversal inside a name': 'strata-bad/../victim:1',
  'absolute path': '/etc/passwd',
  backslashes: '..\\..\\windows\\win.ini',
  '300 characters': hex(300),
  '300-character name': `strata-bad/${hex(300)}:1`,
  '300-character tag': `strata-bad/victim:${hex(300, 't')}`,
  '5000 characters': hex(5000),
  'trailing newline': `${VICTIM}\n`,
  'CRLF header injection': `${VICTIM}\r\nX-Injected: yes`,
  'NUL byte': `${VICTIM}\u0000`,
  'NUL alone': '\u0000',
  '%00': `${VICTIM}%00`,
  '%00 alone': '%00',
  'double-encoded %00': `${VICTIM}%2500`,
  tab: 'strata-bad/vic\ttim:1',
  'bell (C0 control)': `${VICTIM}\u0007`,
  'C1 control': `${VICTIM}\u0085`,
  'bidi RLO in front': `\u202E${VICTIM}`,
  'bidi RLO behind': `${VICTIM}\u202E`,
  'bidi isolates': 'strata-bad/\u2066victim\u2069:1',
  'zero-width space': 'strata-bad/victim\u200B:1',
  'byte-order mark': `\uFEFF${VICTIM}`,
  'Cyrillic look-alike': 'strata-bad/v\u0456ctim:1',
  'full-width letters': '\uFF53\uFF54\uFF52\uFF41\uFF54\uFF41',
  emoji: 'strata-bad/\u{1F600}:1',
  'sha256: empty': 'sha256:',
  'sha256: 3 hex': 'sha256:abc',
  'sha256: 11 hex': `sha256:${hex(11, 'f')}`,
  'sha256: 65 hex': `sha256:${hex(65, 'f')}`,
  'sha256: 64 non-hex': `sha256:${hex(64, 'g')}`,
  'sha512: 64 hex': `sha512:${hex(64, 'f')}`,
  'digest too short': `strata-bad/victim@sha256:${hex(10, 'f')}`,
  'tag and short digest': `${VICTIM}@sha256:abc`,
  empty: '',
  'spaces only': '   ',
  colon: ':',
  at: '@',
  slash: '/',
  'tag only': ':1',
  'tag starting with -': 'strata-bad/victim:-1',
  'option-like': '--force',
  'shell substitution': '$(id)',
  backticks: '`id`',
  'command separator': 'victim;rm -rf /',
  HTML: '<script>alert(1)</script>',
  template: '{{7*7}}',
  'log4j-style': '${jndi:ldap://127.0.0.1:1/x}',
  URL: 'http://127.0.0.1:1/strata-bad/victim:1',
  'file URL': 'file:///etc/passwd',
  'lone percent': '%',
  'broken percent-encoding': '%E0%A4%A',
};

/** Bodies of the wrong JSON type for the whole body. */
export const WRONG_BODIES: Record<string, unknown> = {
  null: null,
  'empty array': [],
  number: 42,
  string: 'strata-bad/victim:1',
  boolean: true,
  'array of objects': [{}],
  'nested deep': JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown,
};

/** Values of every JSON type; a field gets each one that differs from its own type. */
export const TYPED_VALUES: Record<string, unknown> = {
  number: 1,
  'negative number': -1,
  float: 1.5,
  string: 'x',
  boolean: true,
  null: null,
  array: ['x'],
  object: { x: 1 },
};

export const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Not JSON at all, or JSON under the wrong label. */
export const NON_JSON: Record<string, { contentType: string | null; body: string | Uint8Array }> = {
  'text/plain': { contentType: 'text/plain', body: 'ref=strata-bad/victim:1' },
  'form-urlencoded': { contentType: 'application/x-www-form-urlencoded', body: 'ref=strata-bad%2Fvictim%3A1&dryRun=false' },
  'multipart, garbage': {
    contentType: 'multipart/form-data; boundary=xyz',
    body: '--xyz\r\nContent-Disposition: form-data; name="ref"\r\n\r\nstrata-bad/victim:1\r\n--xyz--\r\n',
  },
  'multipart, no boundary': { contentType: 'multipart/form-data', body: 'garbage' },
  'x-tar, not a tar': { contentType: 'application/x-tar', body: 'this is not a tar archive' },
  xml: { contentType: 'application/xml', body: '<ref>strata-bad/victim:1</ref>' },
  'no content type': { contentType: null, body: '{"ref":"strata-bad/victim:1"}' },
  'JSON, truncated': { contentType: 'application/json', body: '{"ref": "strata-bad/vic' },
  'JSON, single quotes': { contentType: 'application/json', body: "{'ref': 'x'}" },
  'JSON, trailing garbage': { contentType: 'application/json', body: '{"dryRun": true} {"dryRun": false}' },
  'JSON, invalid UTF-8': { contentType: 'application/json', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  'JSON, empty': { contentType: 'application/json', body: '' },
  'JSON, NUL bytes': { contentType: 'application/json', body: '\u0000\u0000\u0000' },
};

/** Bodies over the 64 KiB limit, with and without a Content-Length that says so. */
export const HUGE_BODIES: Record<string, { contentType: string; bytes: number; multibyte?: boolean; declareLength: boolean }> = {
  '70 KiB JSON, declared': { contentType: 'application/json', bytes: 70 * 1024, declareLength: true },
  '70 KiB JSON, streamed (no length)': { contentType: 'application/json', bytes: 70 * 1024, declareLength: false },
  '2 MiB JSON, streamed': { contentType: 'application/json', bytes: 2 * 1024 * 1024, declareLength: false },
  '30 000 three-byte characters (90 KB)': { contentType: 'application/json', bytes: 30_000, multibyte: true, declareLength: false },
  '70 KiB x-tar garbage': { contentType: 'application/x-tar', bytes: 70 * 1024, declareLength: true },
  '70 KiB multipart garbage': { contentType: 'multipart/form-data; boundary=xyz', bytes: 70 * 1024, declareLength: true },
};

/**
 * Field names that never mean anything to a route, and attempts at prototype pollution. JSON text, since
 * an object literal's `__proto__` would set a prototype rather than send a field.
 */
export const UNKNOWN_FIELDS_JSON =
  '"unknownField":"x","dryRun ":false,"DryRun":false,"__proto__":{"dryRun":false,"force":true,"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';
export const UNKNOWN_QUERY = '__proto__[polluted]=yes&constructor[prototype][polluted]=yes&unknownField=1&dryRun=false&DRYRUN=0';

export interface RouteContext {
  /** Harmless values for the dynamic segments (defaults by name otherwise). */
  params?: Record<string, string>;
  /** A query that makes the request valid and harmless. */
  query?: Record<string, string>;
  /** Query fields that take a reference or a path: each gets every hostile value. */
  refQuery?: string[];
  /** Per method: a body that makes the request valid and harmless (a dry run, a missing image). */
  body?: Record<string, Record<string, unknown>>;
  /** Per method: body fields that take a reference (an array field gets the value as its one element). */
  refBody?: Record<string, string[]>;
  /** Per method: the body to put a hostile body field in, when it must be a real write to show harm. */
  hostileBase?: Record<string, Record<string, unknown>>;
  /** Segments where the victim must be named for a hostile body field to be able to do harm. */
  hostileParams?: Record<string, string>;
  /** Grammar-valid hostile values would make the engine reach a registry: skip those. */
  skipValidRefs?: boolean;
}

const registry = () => `127.0.0.1:${process.env.STRATA_REGISTRY_PORT ?? '5556'}`;

export const KNOWN: Record<string, RouteContext> = {
  // Routes with nothing but their segments (if any) to attack; listed so they are not given the
  // generic field names meant for routes added later.
  '/api/activity': {},
  '/api/disk-usage': {},
  '/api/engine': {},
  '/api/events': {},
  '/api/graph': {},
  '/api/images': {},
  '/api/images/[ref]': {},
  '/api/images/[ref]/analysis': {},
  '/api/images/[ref]/breakdown.png': {},
  '/api/images/[ref]/history': {},
  '/api/images/[ref]/packages': {},
  '/api/tags/[ref]': {},
  '/api/pull': {
    body: { POST: { ref: `127.0.0.1:9/${NOSUCH}` } },
    refBody: { POST: ['ref'] },
    skipValidRefs: true,
  },
  '/api/images/bulk': {
    body: { POST: { action: 'delete', targets: [NOSUCH], force: false, dryRun: true } },
    refBody: { POST: ['targets'] },
    hostileBase: { POST: { action: 'untag', targets: [], force: true, dryRun: false } },
  },
  '/api/images/[ref]/layers/[diffId]/files': {
    query: { path: '', view: 'changes' },
    refQuery: ['path', 'view'],
  },
  '/api/images/[ref]/layers/[diffId]/file': { query: { path: 'etc/os-release' }, refQuery: ['path'] },
  '/api/images/[ref]/sbom': { query: { format: 'spdx' }, refQuery: ['format'] },
  '/api/images/[ref]/push': { skipValidRefs: true },
  '/api/images/[ref]/tags': {
    body: { POST: { ref: 'strata-bad/new:1' } },
    refBody: { POST: ['ref'] },
    hostileParams: { ref: VICTIM },
  },
  '/api/tags/retag': {
    body: { POST: { from: 'strata-bad/nosuch:*', to: 'strata-bad/other:*', move: false, dryRun: true } },
    refBody: { POST: ['from', 'to'] },
    hostileBase: { POST: { from: VICTIM, to: 'strata-bad/copy:1', move: true, dryRun: false } },
  },
  '/api/hub/search': { query: { q: 'nginx' }, refQuery: ['q', 'page', 'pageSize', 'sort'] },
  '/api/hub/repositories/[namespace]/[repo]': { params: { namespace: 'library', repo: 'strata-bad-nosuch' } },
  '/api/hub/repositories/[namespace]/[repo]/tags': {
    params: { namespace: 'library', repo: 'strata-bad-nosuch' },
    query: { page: '1' },
    refQuery: ['name', 'page'],
  },
  '/api/registries': {
    get body() {
      return { POST: { server: registry(), username: 'strata', password: 'not-the-password' } };
    },
    query: { server: '127.0.0.1:9' },
    refQuery: ['server'],
    refBody: { POST: ['server'] },
  },
  '/api/prune': {
    body: { POST: { target: 'dangling', dryRun: true } },
    refBody: { POST: ['only', 'expect', 'labels', 'until'] },
    // Real prunes are the prune suite's business (its own engine); here a hostile field must be refused.
    hostileBase: { POST: { target: 'unused', dryRun: true } },
  },
  '/api/compare': { query: { a: VICTIM, b: 'strata-fixture/base:1' }, refQuery: ['a', 'b'] },
};

/** Field names a route added later probably uses for a reference or a path. */
export const GENERIC_REF_QUERY = ['ref', 'name', 'repo', 'tag'];
export const GENERIC_REF_BODY = ['ref', 'name', 'image', 'tag', 'repo', 'from', 'to', 'targets'];

/** A harmless value for a dynamic segment, by its name. */
export function defaultParam(name: string): string {
  if (/digest|diff|sha/i.test(name)) return `sha256:${'0'.repeat(64)}`;
  if (name === 'namespace') return 'library';
  if (name === 'repo') return 'strata-bad-nosuch';
  return NOSUCH;
}
