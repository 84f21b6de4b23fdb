// lib/hub's client against recorded Hub answers served from a loopback server (its own fetch, status
// handling and parsing run for real). What the Hub sends beyond the shape is dropped; what it leaves
// out gets a stated default; anything else becomes a typed StrataError, never a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { StrataError } from '@/lib/api/errors';
import { hubRepository, hubTags, searchHub, type SearchOptions } from '@/lib/hub/client';
import { altered, recording, serveRecordings, type RecordedHub, type Recording } from '@/lib/hub/__fixtures__/recorded-hub';

const SEARCH = '/api/search/v4';
const SEARCH_V2 = '/v2/search/repositories/';
const REPO = '/v2/namespaces/library/repositories/nginx';
const TAGS = '/v2/namespaces/library/repositories/nginx/tags';
const options = (more: Partial<SearchOptions> = {}): SearchOptions => ({
  q: 'nginx',
  page: 1,
  pageSize: 4,
  sort: 'relevance',
  official: false,
  verified: false,
  ...more,
});

let hub: RecordedHub | null = null;
const saved = process.env.HUB_API_URL;

// A fresh server (a fresh port, so a fresh cache key) per test.
async function serve(byPath: Record<string, Recording>): Promise<RecordedHub> {
  hub = await serveRecordings(byPath);
  process.env.HUB_API_URL = hub.url;
  return hub;
}

afterEach(async () => {
  await hub?.close();
  hub = null;
  if (saved === undefined) delete process.env.HUB_API_URL;
  else process.env.HUB_API_URL = saved;
});

async function failure(call: () => Promise<unknown>): Promise<StrataError> {
  const error = await call().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StrataError);
  return error as StrataError;
}

describe('searchHub', () => {
  it('maps the recorded v4 answer: names split, badges, pulls as the Hub writes them, rate limit', async () => {
    const server = await serve({ [SEARCH]: recording('search-v4-nginx') });
    const answer = await searchHub(options());
    expect(server.seen).toEqual([`${SEARCH}?query=nginx&from=0&size=4&type=image`]);
    expect(answer).toMatchObject({ total: 38, page: 1, pageSize: 4, rateLimit: { limit: 180, remaining: 179, reset: null } });
    expect(answer.results[0]).toEqual({
      name: 'nginx',
      namespace: 'library',
      repository: 'nginx',
      description: 'Official build of Nginx.',
      stars: 21000,
      pulls: '1B+',
      official: true,
      verifiedPublisher: false,
      openSource: false,
      publisher: 'Docker',
      updatedAt: '2026-11-26T00:00:00.000Z',
      architectures: ['amd64', 'arm64'],
    });
    expect(answer.results.map((row) => [row.namespace, row.repository, row.official, row.verifiedPublisher, row.openSource])).toEqual([
      ['library', 'nginx', true, false, false],
      ['bitnami', 'nginx', false, true, false],
      ['nginxinc', 'nginx-unprivileged', false, true, false],
      ['linuxserver', 'nginx', false, false, true],
    ]);
  });

  it('drops the fields it does not know (the recording has the Hub’s extras and one of the fixture’s own)', async () => {
    await serve({ [SEARCH]: recording('search-v4-nginx') });
    const { results } = await searchHub(options());
    for (const row of results) expect(row).not.toHaveProperty('strata_fixture_unknown_field');
    expect(Object.keys(results[0]!).sort()).toEqual([
      'architectures',
      'description',
      'name',
      'namespace',
      'official',
      'openSource',
      'publisher',
      'pulls',
      'repository',
      'stars',
      'updatedAt',
      'verifiedPublisher',
    ]);
  });

  it('gives the stated defaults when optional fields are missing or null', async () => {
    await serve({
      [SEARCH]: altered('search-v4-nginx', (body) => ({
        results: body.results.map((row: { name: string }, i: number) =>
          i === 0 ? { name: row.name } : { ...row, pull_count: null, publisher: null, badge: null },
        ),
      })),
    });
    const answer = await searchHub(options());
    expect(answer.total).toBe(4);
    expect(answer.results[0]).toEqual({
      name: 'nginx',
      namespace: 'library',
      repository: 'nginx',
      description: '',
      stars: 0,
      pulls: '—',
      official: false,
      verifiedPublisher: false,
      openSource: false,
      publisher: null,
      updatedAt: null,
      architectures: [],
    });
    expect(answer.results[1]).toMatchObject({ pulls: '—', publisher: null, verifiedPublisher: false });
  });

  it('an answer with no results list is an empty page', async () => {
    await serve({ [SEARCH]: altered('search-v4-nginx', () => ({ total: 0 })) });
    expect(await searchHub(options())).toMatchObject({ total: 0, results: [] });
  });

  it('sorts a page by stars itself (v4 cannot) and asks v4 for the sorts it has', async () => {
    const server = await serve({ [SEARCH]: recording('search-v4-nginx') });
    const { results } = await searchHub(options({ sort: 'stars' }));
    expect(results.map((row) => row.stars)).toEqual([21000, 300, 200, 150]);
    expect(server.seen[0]).not.toContain('sort=');
    await searchHub(options({ sort: 'pulls', official: true, verified: true }));
    expect(server.seen[1]).toBe(
      `${SEARCH}?query=nginx&from=0&size=4&type=image&badges=official%2Cverified_publisher&sort=pull_count&order=desc`,
    );
  });

  it.each([
    ['a row without a name', (body: { results: Record<string, unknown>[] }) => (delete body.results[0]!.name, body)],
    ['results that are not a list', (body: { results: unknown }) => ({ ...body, results: 'nginx' })],
    ['a body that is a list', () => []],
    ['a body of null', () => null],
  ])('an answer in the wrong shape (%s) is upstream_failed', async (_what, change) => {
    await serve({ [SEARCH]: altered('search-v4-nginx', change as (body: unknown) => unknown) });
    const error = await failure(() => searchHub(options()));
    expect([error.code, error.message]).toEqual(['upstream_failed', 'Docker Hub answered in a shape Strata does not understand.']);
  });

  it('an answer that is not JSON is upstream_failed', async () => {
    await serve({ [SEARCH]: { ...recording('search-v4-nginx'), raw: '<html>Bad gateway</html>' } });
    expect((await failure(() => searchHub(options()))).code).toBe('upstream_failed');
  });

  it('the recorded 429 is rate_limited, with the time to try again', async () => {
    await serve({ [SEARCH]: recording('search-v4-rate-limited') });
    const error = await failure(() => searchHub(options({ q: 'ratelimit' })));
    expect(error.code).toBe('rate_limited');
    expect(error.message).toBe('Docker Hub is rate-limiting this server; try again after 18:30 UTC.');
    expect(error.details).toEqual({ retryAt: '2026-11-29T18:30:00.000Z' });
  });

  it.each(['soon', '99999999999999999999', ''])('a 429 whose Retry-After is %j is rate_limited with no time', async (retry) => {
    const limited = recording('search-v4-rate-limited');
    await serve({ [SEARCH]: { ...limited, headers: { ...limited.headers, 'x-retry-after': retry } } });
    const error = await failure(() => searchHub(options()));
    expect([error.code, error.message, error.details]).toEqual([
      'rate_limited',
      'Docker Hub is rate-limiting this server; try again in a few minutes.',
      { retryAt: null },
    ]);
  });

  it('rate-limit headers that are not numbers read as unknown, not as NaN or a crash', async () => {
    const answer = recording('search-v4-nginx');
    await serve({
      [SEARCH]: { ...answer, headers: { ...answer.headers, 'x-ratelimit-limit': 'lots', 'x-ratelimit-reset': '99999999999999999999' } },
    });
    expect((await searchHub(options())).rateLimit).toEqual({ limit: null, remaining: 179, reset: null });
  });

  it('the recorded 400 (a sort v4 does not have) is upstream_failed naming the status', async () => {
    await serve({ [SEARCH]: recording('search-v4-bad-sort') });
    const error = await failure(() => searchHub(options()));
    expect([error.code, error.message]).toEqual(['upstream_failed', 'Docker Hub answered 400 for /api/search/v4.']);
  });

  it('falls back to v2 search where v4 is missing', async () => {
    const v4 = recording('search-v4-nginx').body as { results: { name: string; short_description: string; star_count: number }[] };
    const v2: Recording = {
      request: `GET ${SEARCH_V2}`,
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        count: 4,
        results: v4.results.map((row, i) => ({
          repo_name: row.name,
          short_description: row.short_description,
          star_count: row.star_count,
          pull_count: 10 * i,
          is_official: i === 0,
        })),
      },
    };
    const server = await serve({ [SEARCH_V2]: v2 });
    const answer = await searchHub(options());
    expect(server.seen).toEqual([`${SEARCH}?query=nginx&from=0&size=4&type=image`, `${SEARCH_V2}?query=nginx&page=1&page_size=4`]);
    expect(answer.results.map((row) => [row.name, row.namespace, row.pulls, row.official])).toEqual([
      ['nginx', 'library', '0', true],
      ['bitnami/nginx', 'bitnami', '10', false],
      ['nginxinc/nginx-unprivileged', 'nginxinc', '20', false],
      ['linuxserver/nginx', 'linuxserver', '30', false],
    ]);
    expect(answer.total).toBe(4);
  });

  it('with neither search (both recorded 404s) it is not_found, naming where it looked', async () => {
    const server = await serve({});
    const error = await failure(() => searchHub(options()));
    expect([error.code, error.message]).toEqual(['not_found', `Docker Hub search is not available at ${server.url}.`]);
  });

  it('an unreachable Hub is upstream_failed, offline, naming what was tried', async () => {
    const server = await serve({});
    await server.close();
    hub = null;
    const error = await failure(() => searchHub(options()));
    expect(error.code).toBe('upstream_failed');
    expect(error.details).toEqual({ tried: server.url, offline: true });
  });
});

describe('hubRepository', () => {
  it('maps the recorded answer', async () => {
    await serve({ [REPO]: recording('repository-library-nginx') });
    expect(await hubRepository('library', 'nginx')).toEqual({
      namespace: 'library',
      repository: 'nginx',
      name: 'nginx',
      description: 'Official build of Nginx.',
      fullDescription: '# nginx\n\nOfficial build of Nginx.',
      stars: 21000,
      pulls: 1_000_000_000,
      lastUpdated: '2026-11-26T00:00:00.000Z',
      official: true,
    });
  });

  it('gives defaults for missing fields', async () => {
    await serve({ [REPO]: altered('repository-library-nginx', () => ({ name: 'nginx' })) });
    expect(await hubRepository('library', 'nginx')).toMatchObject({
      description: '',
      fullDescription: '',
      stars: 0,
      pulls: 0,
      lastUpdated: null,
    });
  });

  it('the recorded 404 is not_found', async () => {
    await serve({ '/v2/namespaces/library/repositories/strata-nosuch': recording('repository-missing') });
    const error = await failure(() => hubRepository('library', 'strata-nosuch'));
    expect([error.code, error.message]).toEqual(['not_found', 'Docker Hub has no such repository.']);
  });

  it('a pull count given as text is upstream_failed, not a wrong number', async () => {
    await serve({ [REPO]: altered('repository-library-nginx', (body) => ({ ...body, pull_count: '1B+' })) });
    expect((await failure(() => hubRepository('library', 'nginx'))).code).toBe('upstream_failed');
  });
});

describe('hubTags', () => {
  it('maps the recorded answer and leaves out the attestation rows', async () => {
    const server = await serve({ [TAGS]: recording('tags-library-nginx') });
    const answer = await hubTags('library', 'nginx', 1, '');
    expect(server.seen).toEqual([`${TAGS}?page=1&page_size=25&ordering=last_updated`]);
    expect([answer.count, answer.page, answer.pageSize]).toEqual([40, 1, 25]);
    expect(answer.tags.map((tag) => tag.name)).toEqual(['latest', '1.27.1-alpine', '1.27.2']);
    expect(answer.tags[0]).toEqual({
      name: 'latest',
      digest: 'sha256:0246024602460246024602460246024602460246024602460246024602460246',
      lastPushed: '2026-11-28T00:00:00.000Z',
      images: [
        { architecture: 'amd64', os: 'linux', variant: null, size: 20_500_000, digest: `sha256:${'0001'.repeat(16)}` },
        { architecture: 'arm64', os: 'linux', variant: 'v8', size: 19_800_000, digest: `sha256:${'0002'.repeat(16)}` },
      ],
    });
  });

  it('gives defaults for missing fields and drops images with no architecture', async () => {
    await serve({
      [TAGS]: altered('tags-library-nginx', () => ({
        results: [{ name: 'edge', last_updated: '2026-11-01T00:00:00.000Z', images: [{}, { architecture: 'amd64' }] }],
      })),
    });
    expect(await hubTags('library', 'nginx', 1, 'edge')).toEqual({
      count: 0,
      page: 1,
      pageSize: 25,
      tags: [
        {
          name: 'edge',
          digest: null,
          lastPushed: '2026-11-01T00:00:00.000Z',
          images: [{ architecture: 'amd64', os: 'unknown', variant: null, size: 0, digest: null }],
        },
      ],
    });
  });

  it('a tag without a name is upstream_failed', async () => {
    await serve({ [TAGS]: altered('tags-library-nginx', (body) => ({ ...body, results: [{ digest: 'sha256:x' }] })) });
    expect((await failure(() => hubTags('library', 'nginx', 1, ''))).code).toBe('upstream_failed');
  });
});
