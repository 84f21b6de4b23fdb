import { describe, expect, it } from 'vitest';
import { parseDpkgStatus } from '@/lib/packages/dpkg';

const STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 12982
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u7
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: curl
Status: install ok installed
Installed-Size: 500
Architecture: amd64
Version: 7.88.1-10+deb12u8
Source: curl (7.88.1-10+deb12u8)

Package: vim-tiny
Status: deinstall ok config-files
Architecture: amd64
Version: 2:9.0.1378-2

Package: half
Status: install reinstreq half-installed
Version: 1
`;

describe('dpkg status', () => {
  it('lists installed packages with version, arch, source and size in bytes', () => {
    expect(parseDpkgStatus(STATUS)).toEqual([
      { type: 'deb', name: 'libc6', version: '2.36-9+deb12u7', arch: 'amd64', source: 'glibc', size: 12982 * 1024 },
      { type: 'deb', name: 'curl', version: '7.88.1-10+deb12u8', arch: 'amd64', source: 'curl', size: 500 * 1024 },
    ]);
  });

  it('takes a distroless status.d stanza (no Status) as installed', () => {
    expect(parseDpkgStatus('Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n')).toEqual([
      { type: 'deb', name: 'tzdata', version: '2024a-0+deb12u1', arch: 'all', source: null, size: null },
    ]);
  });

  it('skips stanzas without a name or version, and CRLF files read the same', () => {
    expect(parseDpkgStatus('Description: nothing\n\nPackage: a\r\nVersion: 1\r\n')).toEqual([
      { type: 'deb', name: 'a', version: '1', arch: null, source: null, size: null },
    ]);
  });
});
