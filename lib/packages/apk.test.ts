import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from '@/lib/packages/apk';

const INSTALLED = `C:Q1hKJKd7Xaq1w0H8cI3XyB5kn7Uvg=
P:musl
V:1.2.5-r0
A:x86_64
S:411323
I:655360
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Natanael Copa <ncopa@alpinelinux.org>
t:1712156960
F:lib
R:ld-musl-x86_64.so.1
a:0:0:755

C:Q1abc=
P:busybox
V:1.36.1-r29
A:x86_64
I:946176
o:busybox
F:bin
R:busybox
`;

describe('apk installed', () => {
  it('lists each package with version, arch, origin and installed bytes', () => {
    expect(parseApkInstalled(INSTALLED)).toEqual([
      { type: 'apk', name: 'musl', version: '1.2.5-r0', arch: 'x86_64', source: 'musl', size: 655360 },
      { type: 'apk', name: 'busybox', version: '1.36.1-r29', arch: 'x86_64', source: 'busybox', size: 946176 },
    ]);
  });

  it('skips a record without a name or version', () => {
    expect(parseApkInstalled('T:no name\n\nP:zlib\nV:1.3.1-r1\n')).toEqual([
      { type: 'apk', name: 'zlib', version: '1.3.1-r1', arch: null, source: null, size: null },
    ]);
  });
});
