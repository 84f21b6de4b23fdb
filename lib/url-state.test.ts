import { describe, expect, it } from 'vitest';
import { queryWith, shownQuery } from '@/lib/url-state';

describe('queryWith', () => {
  it('sets, replaces and drops keys, keeping the others in order', () => {
    expect(queryWith('?find=web&layers=1', { find: 'many', all: true, layers: false })).toBe('?find=many&all=1');
    expect(queryWith('', { q: '' })).toBe('');
  });
});

describe('shownQuery', () => {
  it('is the location’s query once the location is at the page', () => {
    // The router may still hold the newer search after a quick back step; the address bar wins.
    expect(shownQuery('/graph?find=strata-fixture%2Fmany', '/graph', 'find=strata-fixture%2Fweb')).toBe('find=strata-fixture%2Fmany');
    expect(shownQuery('/graph', '/graph', 'find=web')).toBe('');
  });

  it('is the router’s while a link has opened a page whose address is not written yet', () => {
    expect(shownQuery('/hub?q=busybox', '/images', 'dangling=1')).toBe('dangling=1');
  });
});
