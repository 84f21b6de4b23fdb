import { describe, expect, it } from 'vitest';
import { accountingOf, freedPhrase, sizeWords } from '@/lib/size-words';

describe('image size words', () => {
  it('names the classic store’s one size, and the containerd store’s two as docker image ls --tree does', () => {
    expect(sizeWords('layers').size).toBe('Size');
    expect(sizeWords('content-and-unpacked').size).toBe('Disk usage');
    expect(sizeWords('content-and-unpacked').sharedHint).toMatch(/^Unpacked layers/);
  });

  it('says exactly what a delete frees on the classic store, and what it is made of on the containerd store', () => {
    expect(freedPhrase({ uniqueSize: 262179, contentSize: null })).toBe('262kB');
    expect(freedPhrase({ uniqueSize: 344064, contentSize: 1084321 })).toBe(
      '344kB of unpacked layers, plus the part of its 1.08MB of content no other image shares',
    );
    expect(accountingOf({ contentSize: null })).toBe('layers');
    expect(accountingOf({ contentSize: 0 })).toBe('content-and-unpacked');
  });
});
