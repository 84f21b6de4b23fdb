// Browsing Debian's real docker-registry (distribution 2.8) in token mode through Strata's routes: the
// Bearer flow anonymously and with the stored login, the catalog paged by Link, a registry that keeps its
// catalog to itself, 1,200 tags on one manifest, a multi-platform index and a wrong password. Needs no
// Docker engine: the registry and its token issuer run on loopback (tests/support/token-registry.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as repositoriesRoute } from '@/app/api/registries/[server]/repositories/route';
import { GET as tagsRoute } from '@/app/api/registries/[server]/repositories/[name]/tags/route';
import { DELETE as deleteRoute, GET as previewRoute } from '@/app/api/registries/[server]/repositories/[name]/tags/[tag]/route';
import { GET as manifestRoute } from '@/app/api/registries/[server]/repositories/[name]/manifests/[reference]/route';
import {
  REPOSITORY_PAGE_SIZE,
  TAG_PAGE_SIZE,
  type ManifestView,
  type TagDeletePreview,
  type RepositoryPage,
  type TagPage,
} from '@/lib/api/registry-browse';
import { storeLogin } from '@/lib/registries/store';
import {
  startTokenRegistry,
  TOKEN_PASSWORD,
  TOKEN_USER,
  type PushedIndex,
  type PushedManifest,
  type TokenRegistry,
} from '../support/token-registry';

const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });
const get = (query = '') => new Request(`http://localhost/x${query}`);
const json = async <T>(response: Response) => ({ status: response.status, body: (await response.json()) as T });
type Failure = { error: { code: string; message: string } };

const BULK = Array.from({ length: 260 }, (_, index) => `bulk/r-${String(index).padStart(3, '0')}`);
const MANY_TAGS = Array.from({ length: 1200 }, (_, index) => `t-${String(index).padStart(4, '0')}`);

async function mapLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('registry browsing in token mode (distribution 2.8, Bearer tokens)', () => {
  let registry: TokenRegistry;
  let server: string;
  let many: PushedManifest;
  let multi: PushedIndex;
  let dataDir: string;
  const tags = async (name: string, query = '') => json<TagPage & Failure>(await tagsRoute(get(query), ctx({ server, name })));

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'strata-data-'));
    process.env.STRATA_DATA_DIR = dataDir;
    registry = await startTokenRegistry();
    server = registry.host;
    await registry.pushImage('public/app', ['1.0', 'latest']);
    await registry.pushImage('private/app', ['1.0']);
    await registry.pushImage('private/wrong', ['1.0']);
    await registry.pushImage('private/later', ['1.0']);
    await mapLimit(BULK, 8, (name) => registry.pushImage(name, ['1']));
    many = await registry.pushImage('team/many', [MANY_TAGS[0]!]);
    await registry.tagManifest('team/many', many, MANY_TAGS.slice(1));
    multi = await registry.pushIndex('team/multi', 'v1');
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists a public repository’s tags anonymously, refuses a private one plainly, and lists it after a login', async () => {
    const open = await tags('public/app');
    expect(open.status).toBe(200);
    expect([...open.body.tags.map((tag) => tag.name)].sort()).toEqual(['1.0', 'latest']);
    expect(registry.issued.some((entry) => entry.who === 'anonymous' && entry.scopes.includes('repository:public/app:pull'))).toBe(true);

    const closed = await tags('private/app');
    expect(closed.status).toBe(401);
    expect(closed.body.error.code).toBe('unauthorized');
    expect(closed.body.error.message).toBe(`${server} wants a login to read private/app. Log in to ${server} on the Registries page.`);

    await storeLogin(server, TOKEN_USER, TOKEN_PASSWORD);
    const listed = await tags('private/app');
    expect(listed.status).toBe(200);
    expect(listed.body.tags.map((tag) => tag.name)).toEqual(['1.0']);
    expect(listed.body.tags[0]!.platforms).toEqual([expect.objectContaining({ os: 'linux', architecture: 'amd64' })]);
    expect(registry.issued.at(-1)?.who).toBe('strata');
  });

  it('pages the catalog over the token flow: the first 100 by Link, then the whole list of 266', async () => {
    const all = [...BULK, 'private/app', 'private/later', 'private/wrong', 'public/app', 'team/many', 'team/multi'].sort();
    const first = await json<RepositoryPage>(await repositoriesRoute(get(), ctx({ server })));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ catalog: true, page: 1, pageSize: REPOSITORY_PAGE_SIZE, hasMore: true, total: null });
    expect(first.body.repositories).toEqual(all.slice(0, 100));
    expect(registry.issued.some((entry) => entry.who === 'strata' && entry.scopes.includes('registry:catalog:*'))).toBe(true);

    const second = await json<RepositoryPage>(await repositoriesRoute(get('?page=2'), ctx({ server })));
    expect(second.body).toMatchObject({ catalog: true, page: 2, total: all.length, hasMore: true });
    expect(second.body.repositories).toEqual(BULK.slice(100, 200));
    const third = await json<RepositoryPage>(await repositoriesRoute(get('?page=3'), ctx({ server })));
    expect(third.body).toMatchObject({ total: 266, hasMore: false });
    expect(third.body.repositories).toEqual(all.slice(200));

    const filtered = await json<RepositoryPage>(await repositoriesRoute(get('?q=team/'), ctx({ server })));
    expect(filtered.body).toMatchObject({ total: 2, repositories: ['team/many', 'team/multi'] });
  });

  it('pages a catalog whose registry caps n below Strata’s page (catalog.maxentries 60) by its Link', async () => {
    const capped = await startTokenRegistry({ catalogMaxEntries: 60 });
    try {
      const names = Array.from({ length: 150 }, (_, index) => `capped/r-${String(index).padStart(3, '0')}`);
      await mapLimit(names, 8, (name) => capped.pushImage(name, ['1']));
      await storeLogin(capped.host, TOKEN_USER, TOKEN_PASSWORD);
      // The registry refuses n=100 and n=1000 (PAGINATION_NUMBER_INVALID); its own pages hold 60.
      const first = await json<RepositoryPage>(await repositoriesRoute(get(), ctx({ server: capped.host })));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ catalog: true, total: 150, hasMore: true });
      expect(first.body.repositories).toEqual(names.slice(0, 100));
      const second = await json<RepositoryPage>(await repositoriesRoute(get('?page=2'), ctx({ server: capped.host })));
      expect(second.body).toMatchObject({ catalog: true, total: 150, hasMore: false });
      expect(second.body.repositories).toEqual(names.slice(100));
    } finally {
      await capped.stop();
    }
  }, 60_000);

  it('says catalog: false when the issuer never grants the catalog, and still opens a repository by name', async () => {
    const closed = await startTokenRegistry({ catalog: false });
    try {
      await closed.pushImage('team/app', ['1', '2']);
      await storeLogin(closed.host, TOKEN_USER, TOKEN_PASSWORD);
      const page = await json<RepositoryPage>(await repositoriesRoute(get(), ctx({ server: closed.host })));
      expect(page.status).toBe(200);
      expect(page.body).toEqual({
        server: closed.host,
        catalog: false,
        page: 1,
        pageSize: REPOSITORY_PAGE_SIZE,
        total: null,
        hasMore: false,
        repositories: [],
      });
      // The issuer was asked, as the user, and said no.
      expect(closed.issued.some((entry) => entry.who === 'strata' && entry.scopes.includes('registry:catalog:*'))).toBe(true);
      const opened = await json<TagPage>(await tagsRoute(get(), ctx({ server: closed.host, name: 'team/app' })));
      expect(opened.status).toBe(200);
      expect(opened.body.total).toBe(2);
      expect([...opened.body.tags.map((tag) => tag.name)].sort()).toEqual(['1', '2']);
    } finally {
      await closed.stop();
    }
  });

  it('pages 1,200 tags of one manifest by 50, all in one digest group, every tag read', async () => {
    const first = await tags('team/many');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: TAG_PAGE_SIZE, total: 1200 });
    expect(first.body.tags).toHaveLength(TAG_PAGE_SIZE);
    expect(first.body.groups).toEqual([{ digest: many.digest, tags: first.body.tags.map((tag) => tag.name) }]);
    expect(first.body.tags.every((tag) => tag.digest === many.digest && tag.mediaType === many.mediaType)).toBe(true);

    // distribution 2.8 ignores `n=` on tags/list and sends all 1,200 in one answer (no Link); Strata asks
    // n=1000, so the pages hold every tag once, the ones past 1,000 too.
    const seen: string[] = [];
    for (let page = 1; page <= 24; page += 1) {
      const { body } = await tags('team/many', `?page=${page}`);
      expect(body.tags).toHaveLength(TAG_PAGE_SIZE);
      expect(body.groups).toHaveLength(1);
      seen.push(...body.tags.map((tag) => tag.name));
    }
    expect([...seen].sort()).toEqual(MANY_TAGS);
    expect((await tags('team/many', '?page=25')).body.tags).toEqual([]);

    // The rest resolves in the background; then every tag counts the other 1,199 as aliases and names 20.
    const deadline = Date.now() + 60_000;
    let last = first.body;
    while (last.resolved < 1200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      last = (await tags('team/many')).body;
    }
    expect(last.resolved).toBe(1200);
    expect(last.tags[0]!.aliasCount).toBe(1199);
    expect(last.tags[0]!.aliases).toHaveLength(20);
    expect(last.tags[0]!.aliases).not.toContain(last.tags[0]!.name);
  }, 90_000);

  it('shows an index’s two platforms with sizes, the index with two children, and a child’s config and layers', async () => {
    const [amd64, arm64] = multi.children as [PushedIndex['children'][0], PushedIndex['children'][0]];
    const sizeOf = (child: PushedManifest) => child.config.size + child.layers.reduce((sum, layer) => sum + layer.size, 0);
    const { body } = await tags('team/multi');
    const tag = body.tags.find((entry) => entry.name === 'v1')!;
    expect(tag.digest).toBe(multi.digest);
    expect(tag.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(tag.platforms).toEqual([
      { os: 'linux', architecture: 'amd64', variant: null, digest: amd64.digest, size: sizeOf(amd64) },
      { os: 'linux', architecture: 'arm64', variant: null, digest: arm64.digest, size: sizeOf(arm64) },
    ]);
    expect(tag.created).toBe('2026-01-02T03:04:05Z');

    const index = await json<ManifestView>(await manifestRoute(get(), ctx({ server, name: 'team/multi', reference: 'v1' })));
    expect(index.status).toBe(200);
    expect(index.body).toMatchObject({ kind: 'index', digest: multi.digest, size: sizeOf(amd64) + sizeOf(arm64) });
    expect(index.body.manifests.map((child) => [child.digest, child.platform?.architecture, child.attestation, child.imageSize])).toEqual([
      [amd64.digest, 'amd64', false, sizeOf(amd64)],
      [arm64.digest, 'arm64', false, sizeOf(arm64)],
    ]);

    const child = await json<ManifestView>(await manifestRoute(get(), ctx({ server, name: 'team/multi', reference: arm64.digest })));
    expect(child.status).toBe(200);
    expect(child.body).toMatchObject({ kind: 'manifest', digest: arm64.digest, size: sizeOf(arm64) });
    expect(child.body.config).toMatchObject({
      digest: arm64.config.digest,
      size: arm64.config.size,
      created: '2026-01-02T03:04:05Z',
      platform: { os: 'linux', architecture: 'arm64', variant: null },
      labels: { 'strata.fixture': 'token' },
    });
    expect(child.body.layers).toEqual([
      { mediaType: arm64.layers[0]!.mediaType, digest: arm64.layers[0]!.digest, size: arm64.layers[0]!.size },
    ]);
  });

  it('asks for a new token when the registry refuses a kept one, so access granted since shows at once', async () => {
    registry.denied.add('private/later');
    const refused = await tags('private/later');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe(`${server} does not let ${TOKEN_USER} read private/later.`);
    // The issuer grants it now; the token kept from the refusal (no access, valid 5 minutes) is not the answer.
    registry.denied.delete('private/later');
    const listed = await tags('private/later');
    expect(listed.status).toBe(200);
    expect(listed.body.tags.map((tag) => tag.name)).toEqual(['1.0']);
  });

  it('refuses at once when the stored login changes to a wrong password, without riding on the old login’s tokens', async () => {
    const manifest = () => manifestRoute(get(), ctx({ server, name: 'private/app', reference: '1.0' }));
    expect((await manifest()).status).toBe(200);
    await storeLogin(server, TOKEN_USER, 'changed-and-wrong');
    const refused = await json<Failure>(await manifest());
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe(`${server} refused the stored login for ${TOKEN_USER}.`);
    expect(registry.issued.at(-1)).toEqual({ who: 'refused', scopes: ['repository:private/app:pull'] });
    await storeLogin(server, TOKEN_USER, TOKEN_PASSWORD);
    expect((await manifest()).status).toBe(200);
  });

  it('deletes a tag over the token flow with the delete scope, and says plainly when the login may only pull', async () => {
    const own = await startTokenRegistry();
    try {
      await own.pushImage('team/gone', ['a', 'b']);
      await own.pushImage('team/kept', ['a']);
      own.pullOnly.add('team/kept');
      await storeLogin(own.host, TOKEN_USER, TOKEN_PASSWORD);
      const remove = (name: string, tag: string, digest: string) =>
        deleteRoute(new Request(`http://localhost/x?digest=${digest}`, { method: 'DELETE' }), ctx({ server: own.host, name, tag }));

      const preview = await json<TagDeletePreview>(await previewRoute(get(), ctx({ server: own.host, name: 'team/gone', tag: 'a' })));
      expect(preview.status).toBe(200);
      expect([...preview.body.goes].sort()).toEqual(['a', 'b']);
      const done = await remove('team/gone', 'a', preview.body.digest);
      expect(done.status).toBe(200);
      expect(own.issued.some((entry) => entry.who === 'strata' && entry.scopes.includes('repository:team/gone:pull,delete'))).toBe(true);
      const after = await json<TagPage>(await tagsRoute(get(), ctx({ server: own.host, name: 'team/gone' })));
      expect(after.status).toBe(200);
      expect(after.body.tags).toEqual([]);

      const kept = await json<TagDeletePreview>(await previewRoute(get(), ctx({ server: own.host, name: 'team/kept', tag: 'a' })));
      const refused = await json<Failure>(await remove('team/kept', 'a', kept.body.digest));
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'forbidden',
        message: `${own.host} does not let ${TOKEN_USER} delete from team/kept.`,
      });
      const still = await json<TagPage>(await tagsRoute(get(), ctx({ server: own.host, name: 'team/kept' })));
      expect(still.body.tags.map((tag) => tag.name)).toEqual(['a']);
    } finally {
      await own.stop();
    }
  });

  it('answers 401 plainly when the issuer refuses a wrong password, and keeps nothing from the refusal', async () => {
    await storeLogin(server, TOKEN_USER, 'not-the-password');
    const refusedBefore = registry.issued.filter((entry) => entry.who === 'refused').length;
    for (const attempt of [1, 2]) {
      const { status, body } = await tags('private/wrong');
      expect(status).toBe(401);
      expect(body.error).toEqual({
        code: 'unauthorized',
        message: `${server} refused the stored login for ${TOKEN_USER}.`,
        details: { registry: server },
      });
      // Each attempt asks the issuer again: no token, no tag list kept from a refusal.
      expect(registry.issued.filter((entry) => entry.who === 'refused').length).toBe(refusedBefore + attempt);
    }
    await storeLogin(server, TOKEN_USER, TOKEN_PASSWORD);
    const listed = await tags('private/wrong');
    expect(listed.status).toBe(200);
    expect(listed.body.tags.map((tag) => tag.name)).toEqual(['1.0']);
  });
});
