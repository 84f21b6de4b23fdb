import { describe, expect, it } from 'vitest';
import { platformTitle } from '@/components/images/platform-chips';

const base = { os: 'linux', architecture: 'amd64', variant: null, id: 'sha256:a' };

describe('platformTitle', () => {
  it('gives both sizes of a present, unpacked platform', () => {
    expect(platformTitle({ ...base, available: true, contentSize: 1032422, unpackedSize: 1994752 })).toBe(
      'linux/amd64: content 1.03MB, unpacked 1.99MB',
    );
  });

  it('says when content is stored but nothing was unpacked', () => {
    expect(platformTitle({ ...base, architecture: 'arm64', available: true, contentSize: 1032850, unpackedSize: 0 })).toBe(
      'linux/arm64: content 1.03MB, not unpacked',
    );
  });

  it('says a platform the index names is not on this engine, sizes aside', () => {
    expect(platformTitle({ ...base, architecture: 'arm', variant: 'v7', available: false, contentSize: 0, unpackedSize: 0 })).toBe(
      'linux/arm/v7: named by the image index, not on this engine',
    );
  });

  it('leaves out what is unknown (classic store: no content size)', () => {
    expect(platformTitle({ ...base, available: true, contentSize: null, unpackedSize: 2244633 })).toBe('linux/amd64: unpacked 2.24MB');
    expect(platformTitle({ ...base, available: true, contentSize: null, unpackedSize: null })).toBe('linux/amd64');
  });
});
