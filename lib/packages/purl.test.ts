import { describe, expect, it } from 'vitest';
import { parseOsRelease } from '@/lib/packages/os-release';
import { purlOf } from '@/lib/packages/purl';

const debian = parseOsRelease('ID=debian\nVERSION_ID="12"\n');
const alpine = parseOsRelease('ID=alpine\nVERSION_ID=3.20.3\n');

describe('package URLs', () => {
  it('names a Debian package with its arch and distro, its epoch as is, its source as upstream', () => {
    expect(purlOf({ type: 'deb', name: 'vim-tiny', version: '2:9.0.1378-2', arch: 'amd64', source: 'vim', size: null }, debian)).toBe(
      'pkg:deb/debian/vim-tiny@2:9.0.1378-2?arch=amd64&distro=debian-12&upstream=vim',
    );
    expect(purlOf({ type: 'deb', name: 'curl', version: '7.88.1-10+deb12u8', arch: 'amd64', source: 'curl', size: null }, debian)).toBe(
      'pkg:deb/debian/curl@7.88.1-10+deb12u8?arch=amd64&distro=debian-12',
    );
  });

  it('names an Alpine package, and one from an image that names no OS', () => {
    expect(purlOf({ type: 'apk', name: 'musl', version: '1.2.5-r0', arch: 'x86_64', source: 'musl', size: null }, alpine)).toBe(
      'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3',
    );
    expect(purlOf({ type: 'apk', name: 'Musl', version: '1', arch: null, source: null, size: null }, null)).toBe('pkg:apk/alpine/musl@1');
  });
});
