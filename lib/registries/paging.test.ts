import { describe, expect, it } from 'vitest';
import { nextPagePath, pageOf } from './paging';

describe('nextPagePath', () => {
  it("follows distribution's relative next link", () => {
    expect(nextPagePath('</v2/_catalog?last=team%2Fapp&n=100>; rel="next"')).toBe('/v2/_catalog?last=team%2Fapp&n=100');
  });

  it('keeps only the path of an absolute link, so another host is never called', () => {
    expect(nextPagePath('<https://elsewhere.example/v2/app/tags/list?last=9&n=50>; rel="next"')).toBe('/v2/app/tags/list?last=9&n=50');
  });

  it('picks rel=next among several links and refuses paths outside /v2/', () => {
    expect(nextPagePath('</v2/_catalog?n=1>; rel="prev", </v2/_catalog?last=b&n=1>; rel=next')).toBe('/v2/_catalog?last=b&n=1');
    expect(nextPagePath('</token?x=1>; rel="next"')).toBeNull();
    expect(nextPagePath(null)).toBeNull();
    expect(nextPagePath('garbage')).toBeNull();
  });
});

describe('pageOf', () => {
  it('cuts 1-based pages', () => {
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([3, 4]);
    expect(pageOf([1, 2, 3], 3, 2)).toEqual([]);
  });
});
