// The Hub shapes against answers recorded from the Hub fixture server: they take the answers as sent
// (unknown fields included), take them with every optional field missing or null, and refuse what is
// not the shape at all, so client.ts can turn that into a typed error instead of reading garbage.
import { describe, expect, it } from 'vitest';
import { recording } from '@/lib/hub/__fixtures__/recorded-hub';
import * as shapes from '@/lib/hub/shapes';

type Row = Record<string, unknown>;
const searchBody = () => structuredClone(recording('search-v4-nginx').body) as { total: number; results: Row[] };
const tagsBody = () => structuredClone(recording('tags-library-nginx').body) as { count: number; results: (Row & { images: Row[] })[] };
const repoBody = () => structuredClone(recording('repository-library-nginx').body) as Row;
const only = (row: Row, keep: string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => keep.includes(key)));

describe('searchV4', () => {
  it('takes the recorded answer, unknown fields and all', () => {
    const parsed = shapes.searchV4.parse(searchBody());
    expect(parsed.total).toBe(38);
    expect(parsed.results?.map((row) => [row.name, row.badge, row.pull_count, row.publisher?.name])).toEqual([
      ['nginx', 'official', '1B+', 'Docker'],
      ['bitnami/nginx', 'verified_publisher', '500M+', 'VMware'],
      ['nginxinc/nginx-unprivileged', 'verified_publisher', '100M+', 'NGINX, Inc.'],
      ['linuxserver/nginx', 'open_source', '10M+', 'LinuxServer.io'],
    ]);
    expect(parsed.results?.[0]?.architectures?.map((arch) => arch.name)).toEqual(['amd64', 'arm64']);
  });

  it('takes rows with nothing but a name, and a description of null as empty text', () => {
    const body = searchBody();
    body.results = body.results.map((row) => only(row, ['name']));
    body.results[0]!.short_description = null;
    const parsed = shapes.searchV4.parse({ results: body.results });
    expect(parsed.total).toBeUndefined();
    expect(parsed.results?.map((row) => row.short_description)).toEqual(['', '', '', '']);
    expect(parsed.results?.[0]?.publisher).toBeUndefined();
  });

  it('takes a pull count given as a number', () => {
    const body = searchBody();
    body.results[0]!.pull_count = 1234;
    expect(shapes.searchV4.parse(body).results?.[0]?.pull_count).toBe(1234);
  });

  it.each([
    ['a row without a name', (body: ReturnType<typeof searchBody>) => delete body.results[1]!.name],
    ['a name that is a number', (body: ReturnType<typeof searchBody>) => (body.results[0]!.name = 7)],
    ['results that are not a list', (body: ReturnType<typeof searchBody>) => (body.results = { nginx: true } as never)],
    ['a null row', (body: ReturnType<typeof searchBody>) => (body.results[2] = null as never)],
    ['a total given as text', (body: ReturnType<typeof searchBody>) => (body.total = '38' as never)],
  ])('refuses %s', (_what, change) => {
    const body = searchBody();
    change(body);
    expect(shapes.searchV4.safeParse(body).success).toBe(false);
  });

  it.each([null, [], 'Too Many Requests', 42])('refuses a body of %j', (body) => {
    expect(shapes.searchV4.safeParse(body).success).toBe(false);
  });
});

describe('searchV2', () => {
  it('takes the v2 rows built from the recorded v4 answer and refuses a row without repo_name', () => {
    const rows = searchBody().results.map((row) => ({ repo_name: row.name, short_description: row.short_description, extra: 1 }));
    expect(shapes.searchV2.parse({ count: 4, results: rows }).results?.map((row) => row.repo_name)).toEqual([
      'nginx',
      'bitnami/nginx',
      'nginxinc/nginx-unprivileged',
      'linuxserver/nginx',
    ]);
    expect(shapes.searchV2.safeParse({ results: [{ short_description: 'x' }] }).success).toBe(false);
  });
});

describe('repository', () => {
  it('takes the recorded answer, unknown fields and all', () => {
    const parsed = shapes.repository.parse(repoBody());
    expect([parsed.name, parsed.namespace, parsed.star_count, parsed.pull_count, parsed.last_updated]).toEqual([
      'nginx',
      'library',
      21000,
      1_000_000_000,
      '2026-11-26T00:00:00.000Z',
    ]);
    expect(parsed.full_description).toBe('# nginx\n\nOfficial build of Nginx.');
  });

  it('takes an answer with nothing but a name', () => {
    const parsed = shapes.repository.parse({ name: 'nginx' });
    expect([parsed.description, parsed.full_description, parsed.star_count]).toEqual(['', '', undefined]);
  });

  it('refuses an answer without a name, and the recorded 404 body', () => {
    const body = repoBody();
    delete body.name;
    expect(shapes.repository.safeParse(body).success).toBe(false);
    expect(shapes.repository.safeParse(recording('repository-missing').body).success).toBe(false);
  });
});

describe('tags', () => {
  it('takes the recorded answer, attestation rows and unknown fields and all', () => {
    const parsed = shapes.tags.parse(tagsBody());
    expect(parsed.count).toBe(40);
    expect(parsed.results?.map((tag) => tag.name)).toEqual(['latest', '1.27.1-alpine', '1.27.2']);
    expect(parsed.results?.[0]?.images?.map((image) => [image.architecture, image.variant])).toEqual([
      ['amd64', null],
      ['arm64', 'v8'],
      ['unknown', null],
    ]);
  });

  it('takes tags with nothing but a name, and images with no field at all', () => {
    const parsed = shapes.tags.parse({ results: [{ name: 'latest' }, { name: 'edge', images: [{}] }] });
    expect(parsed.count).toBeUndefined();
    expect(parsed.results?.map((tag) => [tag.name, tag.digest, tag.images])).toEqual([
      ['latest', undefined, undefined],
      ['edge', undefined, [{}]],
    ]);
  });

  it.each([
    ['a tag without a name', (body: ReturnType<typeof tagsBody>) => delete body.results[0]!.name],
    ['a size given as text', (body: ReturnType<typeof tagsBody>) => (body.results[0]!.images[0]!.size = '20 MB')],
    ['images that are not a list', (body: ReturnType<typeof tagsBody>) => (body.results[1]!.images = 'amd64' as never)],
  ])('refuses %s', (_what, change) => {
    const body = tagsBody();
    change(body);
    expect(shapes.tags.safeParse(body).success).toBe(false);
  });
});
