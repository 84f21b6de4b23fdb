// What distribution/reference (the engine's parser) accepts and refuses, case by case. Expectations
// come from distribution's regexp.go, normalize.go and reference.go and go-digest v1, not from
// running this parser; the fuzz test (reference-grammar.fuzz.test.ts) compares with a second port.
import { describe, expect, it } from 'vitest';
import { parseNormalizedName, ReferenceGrammarError } from '@/lib/reference-grammar';

const HEX = '444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c';
const DIGEST = `sha256:${HEX}`;
const HUB = 'docker.io';

// [input, domain, repository, tag, digest]
const accepted: [string, string, string, string | null, string | null][] = [
  // Docker Hub short names and the library/ namespace
  ['nginx', HUB, 'library/nginx', null, null],
  ['nginx:1.27', HUB, 'library/nginx', '1.27', null],
  ['library/nginx', HUB, 'library/nginx', null, null],
  ['docker.io/nginx', HUB, 'library/nginx', null, null],
  ['docker.io/library/nginx:latest', HUB, 'library/nginx', 'latest', null],
  ['index.docker.io/nginx', HUB, 'library/nginx', null, null],
  ['index.docker.io/team/app:v1', HUB, 'team/app', 'v1', null],
  ['bitnami/redis:7.2', HUB, 'bitnami/redis', '7.2', null],
  ['team/group/sub/app', HUB, 'team/group/sub/app', null, null],
  ['docker.io/library/foo/bar', HUB, 'library/foo/bar', null, null],
  ['a', HUB, 'library/a', null, null],
  ['0', HUB, 'library/0', null, null],
  // separators: one `.`, one or two `_`, any number of `-`
  ['my.app', HUB, 'library/my.app', null, null],
  ['my_app', HUB, 'library/my_app', null, null],
  ['my__app', HUB, 'library/my__app', null, null],
  ['my-app', HUB, 'library/my-app', null, null],
  ['my---app', HUB, 'library/my---app', null, null],
  ['a.b_c__d-e--f', HUB, 'library/a.b_c__d-e--f', null, null],
  ['a-b/c.d', HUB, 'a-b/c.d', null, null],
  // the first component is a registry only with a dot, a port, `localhost` or capitals
  ['localhost/app', 'localhost', 'app', null, null],
  ['localhost:5000/app:v1', 'localhost:5000', 'app', 'v1', null],
  ['localhost:5000/team/app', 'localhost:5000', 'team/app', null, null],
  ['localhost', HUB, 'library/localhost', null, null],
  ['localhost:5000', HUB, 'library/localhost', '5000', null],
  ['example.com', HUB, 'library/example.com', null, null],
  ['example.com:5000', HUB, 'library/example.com', '5000', null],
  ['example.com/app', 'example.com', 'app', null, null],
  ['registry.example.com:443/team/app:1.0', 'registry.example.com:443', 'team/app', '1.0', null],
  ['sub-dom1.foo.com/bar/baz', 'sub-dom1.foo.com', 'bar/baz', null, null],
  ['xn--n3h.com/app:xn--n3h.com', 'xn--n3h.com', 'app', 'xn--n3h.com', null],
  ['a.b.c.d.e/x', 'a.b.c.d.e', 'x', null, null],
  ['registry:5000/app', 'registry:5000', 'app', null, null],
  ['a-1.b/x', 'a-1.b', 'x', null, null],
  ['Registry.Example.COM/app', 'Registry.Example.COM', 'app', null, null],
  ['MyRegistry/app', 'MyRegistry', 'app', null, null],
  // IPv4 and IPv6 hosts, with and without ports
  ['192.168.1.1/app', '192.168.1.1', 'app', null, null],
  ['192.168.1.1:5000/app:5050', '192.168.1.1:5000', 'app', '5050', null],
  ['1.2.3.4:0/x', '1.2.3.4:0', 'x', null, null],
  ['[::1]/app', '[::1]', 'app', null, null],
  ['[::1]:5000/app', '[::1]:5000', 'app', null, null],
  ['[2001:db8::1]/team/app:v1', '[2001:db8::1]', 'team/app', 'v1', null],
  ['[2001:DB8::1]:5000/app', '[2001:DB8::1]:5000', 'app', null, null],
  // a first component that is neither a domain nor refused: the whole name is a path, no domain
  ['foo_bar.com/app', '', 'foo_bar.com/app', null, null],
  ['foo/foo_bar.com:8080', HUB, 'foo/foo_bar.com', '8080', null],
  // tags
  ['nginx:Latest', HUB, 'library/nginx', 'Latest', null],
  ['nginx:_x', HUB, 'library/nginx', '_x', null],
  ['nginx:1.0-rc_1', HUB, 'library/nginx', '1.0-rc_1', null],
  [`app:${'t'.repeat(128)}`, HUB, 'library/app', 't'.repeat(128), null],
  // digests, alone and after a tag
  [`nginx@${DIGEST}`, HUB, 'library/nginx', null, DIGEST],
  [`nginx:1.27@${DIGEST}`, HUB, 'library/nginx', '1.27', DIGEST],
  [`example.com:5000/team/app:v1@${DIGEST}`, 'example.com:5000', 'team/app', 'v1', DIGEST],
  [`app@sha384:${'a'.repeat(96)}`, HUB, 'library/app', null, `sha384:${'a'.repeat(96)}`],
  [`app@sha512:${'f'.repeat(128)}`, HUB, 'library/app', null, `sha512:${'f'.repeat(128)}`],
  // 64 hex digits are an ID only on their own
  [HEX.slice(0, 63), HUB, `library/${HEX.slice(0, 63)}`, null, null],
  [`${HEX}0`, HUB, `library/${HEX}0`, null, null],
  [`${HEX}:tag`, HUB, `library/${HEX}`, 'tag', null],
  [`team/${HEX}`, HUB, `team/${HEX}`, null, null],
  // the 255 limit is on the path (distribution/reference v0.6.0); the domain does not count
  [`example.com/${'a'.repeat(255)}`, 'example.com', 'a'.repeat(255), null, null],
  [`${'a/'.repeat(127)}a:tag`, HUB, `${'a/'.repeat(127)}a`, 'tag', null],
  ['a'.repeat(247), HUB, `library/${'a'.repeat(247)}`, null, null],
];

const FORMAT = 'invalid reference format';
const lowercase = (remote: string) => `invalid reference format: repository name (${remote}) must be lowercase`;

// [input, distribution's message]
const refused: [string, string][] = [
  ['', FORMAT],
  // capitals in the repository, wherever the path starts
  ['Nginx', lowercase('library/Nginx')],
  ['UPPER:tag', lowercase('library/UPPER')],
  ['team/App', lowercase('team/App')],
  ['localhost:5000/Team/app', lowercase('Team/app')],
  ['MyRegistry/App', lowercase('App')],
  [HEX.toUpperCase(), lowercase(`library/${HEX.toUpperCase()}`)],
  // a capitalised first component is taken as a registry, and must then be a valid one
  ['Foo_bar/app', 'repository name must be lowercase'],
  // separators
  ['foo..bar', FORMAT],
  ['foo___bar', FORMAT],
  ['foo.-bar', FORMAT],
  ['foo-.bar', FORMAT],
  ['foo._bar', FORMAT],
  ['foo_.bar', FORMAT],
  ['-foo', FORMAT],
  ['foo-', FORMAT],
  ['.foo', FORMAT],
  ['foo.', FORMAT],
  ['_foo', FORMAT],
  ['foo_', FORMAT],
  ['team/-app', FORMAT],
  // slashes and empty components
  ['team//app', FORMAT],
  ['team/app/', FORMAT],
  ['/app', FORMAT],
  ['example.com/', FORMAT],
  ['localhost/', FORMAT],
  // domains
  ['-registry.com/app', FORMAT],
  ['registry-.com/app', FORMAT],
  ['reg..com/app', FORMAT],
  ['.reg.com/app', FORMAT],
  ['my_registry:5000/app', FORMAT],
  ['localhost:/app', FORMAT],
  ['localhost:abc/app', FORMAT],
  ['localhost:50:00/app', FORMAT],
  ['[::1]', FORMAT],
  ['[::1]:5000', FORMAT],
  ['[::1]x/app', FORMAT],
  ['[fe80::1%eth0]:5000/app', FORMAT],
  ['[]:5000/app', FORMAT],
  ['[::g]/app', FORMAT],
  // tags
  ['app:', FORMAT],
  ['app:.x', FORMAT],
  ['app:-x', FORMAT],
  ['app:tag:tag', FORMAT],
  ['app:x/y', FORMAT],
  [':tag', FORMAT],
  [`app:${'t'.repeat(129)}`, FORMAT],
  // digests
  ['app@', FORMAT],
  [`@${DIGEST}`, FORMAT],
  [`app@@${DIGEST}`, FORMAT],
  [`app@${DIGEST}@${DIGEST}`, FORMAT],
  ['team/app:v1@', FORMAT],
  ['nginx@sha256:abc', FORMAT],
  [`nginx@sha256${HEX}`, FORMAT],
  [`nginx@sha256:${HEX}:`, FORMAT],
  [`nginx@sha256.:${HEX}`, FORMAT],
  [`nginx@1sha:${HEX}`, FORMAT],
  [`nginx@sha256:${'a'.repeat(32)}`, 'invalid checksum digest length'],
  [`nginx@sha256:${HEX}0`, 'invalid checksum digest length'],
  [`nginx@sha512:${HEX}`, 'invalid checksum digest length'],
  [`nginx@sha256:${HEX.toUpperCase()}`, 'invalid checksum digest format'],
  [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
  [`nginx@sha256+b64:${HEX}`, 'unsupported digest algorithm'],
  [`nginx:1@Sha256:${HEX}`, 'invalid checksum digest format'],
  // before a tag, an algorithm's capitals count as the repository's: `:` ends the remote name
  [`nginx@SHA256:${HEX}`, lowercase('library/nginx@SHA256')],
  // IDs and lengths
  [HEX, `invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`],
  [`example.com/${'a'.repeat(256)}`, 'repository name must not be more than 255 characters'],
  ['a'.repeat(248), 'repository name must not be more than 255 characters'],
  // characters outside the grammar
  ['a b', FORMAT],
  ['app!', FORMAT],
  ['caf\u00e9', FORMAT],
];

describe('parseNormalizedName: what distribution/reference accepts', () => {
  it.each(accepted)('%s', (input, domain, repository, tag, digest) => {
    expect(parseNormalizedName(input)).toEqual({ domain, repository, tag, digest });
  });
});

describe('parseNormalizedName: what distribution/reference refuses, in its words', () => {
  it.each(refused)('%s', (input, message) => {
    let error: unknown;
    try {
      parseNormalizedName(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReferenceGrammarError);
    expect((error as Error).message).toBe(message);
  });

  it('covers at least 80 cases', () => {
    expect(accepted.length + refused.length).toBeGreaterThanOrEqual(80);
  });
});
