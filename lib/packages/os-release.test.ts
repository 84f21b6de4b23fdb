import { describe, expect, it } from 'vitest';
import { parseOsRelease, parseOsReleaseFields } from '@/lib/packages/os-release';

const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`;

const ALPINE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.20.3
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
`;

describe('os-release', () => {
  it('reads Debian’s file: id, version, pretty name, codename', () => {
    expect(parseOsRelease(DEBIAN_12)).toEqual({
      id: 'debian',
      versionId: '12',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      idLike: [],
      codename: 'bookworm',
    });
  });

  it('reads Alpine’s bare values', () => {
    expect(parseOsRelease(ALPINE)).toMatchObject({ id: 'alpine', versionId: '3.20.3', prettyName: 'Alpine Linux v3.20' });
  });

  it('unquotes as the shell does, keeps ID_LIKE as a list, skips comments and malformed lines', () => {
    const fields = parseOsReleaseFields(`# a comment\nNAME='Ubuntu'\nID_LIKE="debian  other"\nnot a line\nX="a \\"quoted\\" \\$word"\n`);
    expect(fields.get('NAME')).toBe('Ubuntu');
    expect(fields.get('X')).toBe('a "quoted" $word');
    expect(fields.has('not a line')).toBe(false);
    expect(parseOsRelease('ID=ubuntu\nID_LIKE=debian\n').idLike).toEqual(['debian']);
  });

  it('says what it can when fields are missing', () => {
    expect(parseOsRelease('NAME="Arch Linux"\nID=arch\n')).toMatchObject({ id: 'arch', versionId: null, prettyName: 'Arch Linux' });
    expect(parseOsRelease('')).toEqual({ id: 'linux', versionId: null, prettyName: 'Linux', idLike: [], codename: null });
  });
});
