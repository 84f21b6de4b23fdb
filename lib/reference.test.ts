import { describe, expect, it } from 'vitest';
import { familiarRepository, imagePathSegment, looksLikeImageId, parseImageRef, parseReference } from '@/lib/reference';

const HEX = '444089671c213d48cf0e1ece0e543fbd1b30715634cffc8b0339f9bd8c05c22c';
const DIGEST = `sha256:${'e'.repeat(64)}`;

function ok(raw: string) {
  const result = parseReference(raw);
  if (!result.ok) throw new Error(`expected ${raw} to parse, got: ${result.message}`);
  return result.ref;
}
function message(raw: string): string {
  const result = parseReference(raw);
  if (result.ok) throw new Error(`expected ${raw} to be rejected, got ${result.ref.normalized}`);
  return result.message;
}

describe('parseReference: valid names', () => {
  it('normalizes a bare official name to docker.io/library with the latest tag', () => {
    expect(ok('nginx')).toEqual({
      input: 'nginx',
      domain: 'docker.io',
      path: 'library/nginx',
      tag: 'latest',
      digest: null,
      normalized: 'docker.io/library/nginx:latest',
      familiar: 'nginx:latest',
    });
  });

  it('trims the spaces around what the user typed', () => {
    expect(ok('  nginx:1.27 ')).toMatchObject({ input: 'nginx:1.27', familiar: 'nginx:1.27' });
  });

  it.each([
    ['a trailing newline', 'nginx:1.27\n', 'U+000A at position 11'],
    ['a NUL byte', 'nginx\u0000:1', 'U+0000 at position 6'],
    ['a bidi override', '\u202Enginx:1', 'U+202E at position 1'],
    ['a zero-width space', 'ngi\u200Bnx', 'U+200B at position 4'],
  ])('refuses %s rather than trimming or passing it on', (_name, raw, where) => {
    const result = parseReference(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(where);
    expect(parseImageRef(raw).ok).toBe(false);
  });

  it('keeps a local registry with a port and a nested path', () => {
    expect(ok('localhost:5555/team/app:1.0')).toMatchObject({
      domain: 'localhost:5555',
      path: 'team/app',
      tag: '1.0',
      normalized: 'localhost:5555/team/app:1.0',
      familiar: 'localhost:5555/team/app:1.0',
    });
    expect(ok('localhost/app').familiar).toBe('localhost/app:latest');
  });

  it('strips docker.io/ and library/ from the familiar form only', () => {
    expect(ok('docker.io/library/nginx:1.27')).toMatchObject({ normalized: 'docker.io/library/nginx:1.27', familiar: 'nginx:1.27' });
    expect(ok('index.docker.io/nginx').normalized).toBe('docker.io/library/nginx:latest');
    expect(ok('bitnami/redis:7').familiar).toBe('bitnami/redis:7');
    expect(ok('docker.io/library/foo/bar').familiar).toBe('library/foo/bar:latest');
  });

  it('takes a digest without inventing a tag, and keeps both when both are given', () => {
    expect(ok(`nginx@${DIGEST}`)).toMatchObject({
      tag: null,
      digest: DIGEST,
      familiar: `nginx@${DIGEST}`,
      normalized: `docker.io/library/nginx@${DIGEST}`,
    });
    expect(ok(`registry.example.com/team/app:1.0@${DIGEST}`).familiar).toBe(`registry.example.com/team/app:1.0@${DIGEST}`);
  });

  it('allows capitals in a tag, unlike in a repository name', () => {
    expect(ok('nginx:Latest')).toMatchObject({ tag: 'Latest', familiar: 'nginx:Latest' });
  });

  it('accepts a 128-character tag', () => {
    expect(ok(`app:${'a'.repeat(128)}`).tag).toHaveLength(128);
  });
});

describe('parseReference: rejections a person can act on', () => {
  it('says an empty reference is empty', () => {
    expect(message('')).toBe('An image reference is empty.');
    expect(message('   ')).toBe('An image reference is empty.');
  });

  it('explains that repository names must be lowercase', () => {
    expect(message('Nginx')).toBe('“Nginx” has capital letters in its repository name; repository names must be lowercase.');
    expect(message('localhost:5555/Team/app')).toMatch(/must be lowercase/);
  });

  it('rejects a 129-character tag, naming the tag rule', () => {
    const tag = 'a'.repeat(129);
    expect(message(`app:${tag}`)).toBe(
      `“${tag}” is not a valid tag: a tag is 1–128 letters, digits, “_”, “.” or “-”, and cannot start with “.” or “-”.`,
    );
    expect(message('app:-x')).toMatch(/^“-x” is not a valid tag/);
  });

  it('refuses a 64-hex string as a name: it is an ID', () => {
    expect(message(HEX)).toBe(`“${HEX}” looks like a full image ID, not a name; use it as an ID instead.`);
  });

  it('gives the grammar for other malformed input', () => {
    const expected =
      'is not a valid image reference (expected [registry/]name[:tag][@digest], for example nginx:1.27 or localhost:5000/team/app:v1).';
    expect(message('foo..bar')).toBe(`“foo..bar” ${expected}`);
    expect(message('nginx@sha256:abc')).toBe(`“nginx@sha256:abc” ${expected}`);
    expect(message('a'.repeat(600))).toMatch(/at most 255 characters/);
  });
});

describe('familiarRepository', () => {
  it('only shortens Docker Hub names', () => {
    expect(familiarRepository('docker.io', 'library/nginx')).toBe('nginx');
    expect(familiarRepository('docker.io', 'team/app')).toBe('team/app');
    expect(familiarRepository('ghcr.io', 'library/nginx')).toBe('ghcr.io/library/nginx');
  });
});

describe('looksLikeImageId', () => {
  it('accepts 12 to 64 lowercase hex characters, optionally sha256:-prefixed', () => {
    expect(looksLikeImageId(HEX)).toBe(true);
    expect(looksLikeImageId(`sha256:${HEX}`)).toBe(true);
    expect(looksLikeImageId('444089671c21')).toBe(true);
  });

  it('rejects names, too-short or too-long hex, and uppercase', () => {
    expect(looksLikeImageId('nginx')).toBe(false);
    expect(looksLikeImageId('444089671c2')).toBe(false);
    expect(looksLikeImageId(`${HEX}0`)).toBe(false);
    expect(looksLikeImageId(HEX.toUpperCase())).toBe(false);
    expect(looksLikeImageId(`sha512:${HEX}`)).toBe(false);
  });
});

describe('parseImageRef', () => {
  it('passes IDs through untouched', () => {
    expect(parseImageRef(` sha256:${HEX} `)).toEqual({ ok: true, value: `sha256:${HEX}` });
    expect(parseImageRef('444089671c21')).toEqual({ ok: true, value: '444089671c21' });
  });

  it('hands the engine the familiar name of a valid reference', () => {
    expect(parseImageRef('nginx')).toEqual({ ok: true, value: 'nginx:latest' });
    expect(parseImageRef('docker.io/library/nginx:1.27')).toEqual({ ok: true, value: 'nginx:1.27' });
    expect(parseImageRef('localhost:5555/team/app:1.0')).toEqual({ ok: true, value: 'localhost:5555/team/app:1.0' });
  });

  it('returns the reference message for invalid input', () => {
    expect(parseImageRef('Nginx')).toEqual({
      ok: false,
      message: '“Nginx” has capital letters in its repository name; repository names must be lowercase.',
    });
  });
});

describe('a first component that is not a valid host', () => {
  it('is part of a Docker Hub path, never a leading slash', () => {
    const parsed = parseReference('foo_bar.com/app');
    expect(parsed.ok && parsed.ref.familiar).toBe('foo_bar.com/app:latest');
    expect(parsed.ok && parsed.ref.normalized).toBe('docker.io/foo_bar.com/app:latest');
  });
});

describe('imagePathSegment', () => {
  it('names a bare image that shares a fixed route by its explicit tag, and encodes everything', () => {
    expect(imagePathSegment('load')).toBe('load%3Alatest');
    expect(imagePathSegment('export')).toBe('export%3Alatest');
    expect(imagePathSegment('load:1')).toBe('load%3A1');
    expect(imagePathSegment('team/load')).toBe('team%2Fload');
    expect(imagePathSegment('localhost:5000/app:1')).toBe('localhost%3A5000%2Fapp%3A1');
  });
});
