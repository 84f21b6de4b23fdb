import { describe, expect, it } from 'vitest';
import { deletes, resolvePath } from '@/lib/dockerfile/paths';

describe('resolvePath', () => {
  it('resolves relative paths against the working directory and normalises . and ..', () => {
    expect(resolvePath('/app', 'dist/')).toBe('/app/dist');
    expect(resolvePath('/app', '../tmp/./x')).toBe('/tmp/x');
    expect(resolvePath('/app', '/opt//y/')).toBe('/opt/y');
    expect(resolvePath('/', '.')).toBe('/');
  });
});

describe('deletes', () => {
  it('matches the path itself and directories above it, never by prefix alone', () => {
    expect(deletes('/tmp/a.tgz', '/tmp/a.tgz')).toBe(true);
    expect(deletes('/opt', '/opt/app/bin')).toBe(true);
    expect(deletes('/opt/ap', '/opt/app')).toBe(false);
    expect(deletes('/', '/anything')).toBe(false);
  });

  it('matches globs the way the shell does, and dir/* as the contents of dir', () => {
    expect(deletes('/tmp/*', '/tmp/a.tgz')).toBe(true);
    expect(deletes('/tmp/*.tgz', '/tmp/a.zip')).toBe(false);
    expect(deletes('/tmp/*', '/tmp/dir/inner')).toBe(true);
    expect(deletes('/var/lib/apt/lists/*', '/var/lib/apt/lists')).toBe(true);
    expect(deletes('/t?p/x', '/tmp/x')).toBe(true);
  });
});
