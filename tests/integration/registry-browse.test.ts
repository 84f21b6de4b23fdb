// Browsing the sandbox's real registry (distribution, htpasswd Basic auth) through Strata's routes:
// repositories, tags grouped by digest, a manifest, a tag delete with its preview, and update states.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as repositoriesRoute } from '@/app/api/registries/[server]/repositories/route';
import { GET as tagsRoute } from '@/app/api/registries/[server]/repositories/[name]/tags/route';
import { DELETE as deleteRoute, GET as previewRoute } from '@/app/api/registries/[server]/repositories/[name]/tags/[tag]/route';
import { GET as manifestRoute } from '@/app/api/registries/[server]/repositories/[name]/manifests/[reference]/route';
import { GET as updatesRoute } from '@/app/api/images/updates/route';
import type { ManifestView, RepositoryPage, TagDeletePreview, TagPage } from '@/lib/api/registry-browse';
import type { UpdatesResponse } from '@/lib/api/updates';
import { storeLogin } from '@/lib/registries/store';
import { buildImage, docker, engineStore, requireSandbox } from '../support/sandbox';

const REGISTRY = `localhost:${process.env.STRATA_REGISTRY_PORT ?? '5556'}`;
const PASSWORD = process.env.STRATA_REGISTRY_PASSWORD ?? 'sandbox-password';
const REPO = `browse-${process.pid}/app`;
const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });
const get = (query = '') => new Request(`http://localhost/x${query}`);
const json = async <T>(response: Response) => ({ status: response.status, body: (await response.json()) as T });
const SCRIPT = path.resolve(__dirname, '../../scripts/multi-platform-image.sh');
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string };
}

/** The registry's own API, past Strata, with the sandbox login: what another machine's push would do. */
async function registry(
  pathname: string,
  init: { method?: string; accept?: string; type?: string; body?: Buffer } = {},
): Promise<Response> {
  const response = await fetch(`http://${REGISTRY}/v2/${pathname}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Basic ${Buffer.from(`strata:${PASSWORD}`).toString('base64')}`,
      ...(init.accept ? { accept: init.accept } : {}),
      ...(init.type ? { 'content-type': init.type } : {}),
    },
    body: init.body ? new Uint8Array(init.body) : undefined,
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * Pushes a new index under `tag` whose `architectures` children are changed (an annotation, so a new
 * manifest digest over the same blobs) and whose other children stay as they were.
 */
async function pushChangedIndex(repository: string, tag: string, architectures: string[]): Promise<string> {
  const index = (await (await registry(`${repository}/manifests/${tag}`, { accept: OCI_INDEX })).json()) as { manifests: Descriptor[] };
  const manifests: Descriptor[] = [];
  for (const child of index.manifests) {
    if (!child.platform || !architectures.includes(child.platform.architecture)) {
      manifests.push(child);
      continue;
    }
    const manifest = await (await registry(`${repository}/manifests/${child.digest}`, { accept: OCI_MANIFEST })).json();
    const bytes = Buffer.from(JSON.stringify({ ...manifest, annotations: { 'strata.test': `${Date.now()}` } }));
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    await registry(`${repository}/manifests/${digest}`, { method: 'PUT', type: OCI_MANIFEST, body: bytes });
    manifests.push({ ...child, digest, size: bytes.length });
  }
  const bytes = Buffer.from(JSON.stringify({ ...index, manifests }));
  await registry(`${repository}/manifests/${tag}`, { method: 'PUT', type: OCI_INDEX, body: bytes });
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

const modern = (() => {
  try {
    return engineStore() === 'containerd';
  } catch {
    return false;
  }
})();

describe('registry browsing (sandbox registry, Basic auth)', () => {
  beforeAll(async () => {
    requireSandbox();
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-data-'));
    docker('login', '-u', 'strata', '-p', PASSWORD, REGISTRY);
    buildImage(`${REGISTRY}/${REPO}:1.27.3`, `FROM strata-fixture/base:1\nRUN echo ${process.pid} > /browse\n`);
    for (const tag of ['1.27', 'latest']) docker('tag', `${REGISTRY}/${REPO}:1.27.3`, `${REGISTRY}/${REPO}:${tag}`);
    docker('tag', 'strata-fixture/base:1', `${REGISTRY}/${REPO}:old`);
    for (const tag of ['1.27.3', '1.27', 'latest', 'old']) docker('push', `${REGISTRY}/${REPO}:${tag}`);
  }, 180_000);
  afterAll(() => {
    for (const tag of ['1.27.3', '1.27', 'latest', 'old']) {
      try {
        docker('rmi', `${REGISTRY}/${REPO}:${tag}`);
      } catch {
        // gone
      }
    }
  });

  it('without a stored login, the registry’s refusal is said plainly and nothing is listed', async () => {
    const { status, body } = await json<{ error: { code: string; message: string } }>(
      await tagsRoute(get(), ctx({ server: REGISTRY, name: REPO })),
    );
    expect(status).toBe(401);
    expect(body.error.message).toContain('wants a login');
  });

  it('lists repositories, filtered on the server, and the tags grouped by digest', async () => {
    await storeLogin(REGISTRY, 'strata', PASSWORD);
    const first = await json<RepositoryPage>(await repositoriesRoute(get(), ctx({ server: REGISTRY })));
    expect(first.status).toBe(200);
    expect(first.body.catalog).toBe(true);
    const filtered = await json<RepositoryPage>(await repositoriesRoute(get(`?q=browse-${process.pid}`), ctx({ server: REGISTRY })));
    expect(filtered.body.repositories).toEqual([REPO]);
    expect(filtered.body.total).toBe(1);

    const tags = await json<TagPage>(await tagsRoute(get(), ctx({ server: REGISTRY, name: REPO })));
    expect(tags.body.total).toBe(4);
    const byName = Object.fromEntries(tags.body.tags.map((tag) => [tag.name, tag]));
    expect(byName['1.27']!.digest).toBe(byName['latest']!.digest);
    expect(byName['old']!.digest).not.toBe(byName['latest']!.digest);
    expect([...byName['latest']!.aliases].sort()).toEqual(['1.27', '1.27.3']);
    const group = tags.body.groups.find((entry) => entry.digest === byName['latest']!.digest)!;
    expect([...group.tags].sort()).toEqual(['1.27', '1.27.3', 'latest']);
    expect(byName['latest']!.platforms[0]).toMatchObject({ os: 'linux' });
    expect(byName['latest']!.platforms[0]!.size).toBeGreaterThan(0);
    // The digest is the registry's: what the engine recorded when it pushed.
    const pushed = docker('image', 'inspect', '--format', '{{json .RepoDigests}}', `${REGISTRY}/${REPO}:latest`);
    expect(pushed).toContain(byName['latest']!.digest!);
  });

  it('shows a manifest with its config and layers', async () => {
    const { body } = await json<ManifestView>(await manifestRoute(get(), ctx({ server: REGISTRY, name: REPO, reference: 'latest' })));
    expect(body.kind === 'manifest' || body.kind === 'index').toBe(true);
    if (body.kind === 'manifest') {
      expect(body.layers.length).toBeGreaterThan(0);
      expect(body.config?.labels['strata.fixture']).toBe('1');
    } else {
      expect(body.manifests.some((entry) => entry.platform?.os === 'linux')).toBe(true);
    }
  });

  it('refuses a repository name outside the grammar before any request', async () => {
    const { status, body } = await json<{ error: { code: string } }>(await tagsRoute(get(), ctx({ server: REGISTRY, name: 'Bad/Name' })));
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_reference');
  });

  it('says up to date for a tag the registry still has, and newer once the registry’s tag moves on', async () => {
    process.env.STRATA_UPDATE_INTERVAL_S = '0';
    const before = await json<UpdatesResponse>(await updatesRoute(get('?wait=8000'), ctx({})));
    const latest = before.body.updates.find((update) => update.tag === `${REGISTRY}/${REPO}:latest`)!;
    expect(latest.state).toBe('up_to_date');
    // Someone pushes a new image under `old`; the local `old` stays as it was.
    buildImage(`${REGISTRY}/${REPO}:old-next`, `FROM strata-fixture/base:1\nRUN echo next-${process.pid} > /next\n`);
    docker('tag', `${REGISTRY}/${REPO}:old-next`, `${REGISTRY}/${REPO}:old`);
    docker('push', `${REGISTRY}/${REPO}:old`);
    docker('tag', 'strata-fixture/base:1', `${REGISTRY}/${REPO}:old`);
    docker('rmi', `${REGISTRY}/${REPO}:old-next`);
    const after = await json<UpdatesResponse>(await updatesRoute(get('?wait=8000'), ctx({})));
    const old = after.body.updates.find((update) => update.tag === `${REGISTRY}/${REPO}:old`)!;
    expect(old.state).toBe('newer');
    expect(old.remote).not.toBe(old.local);
    delete process.env.STRATA_UPDATE_INTERVAL_S;
  });

  // The classic store cannot load an OCI index (scripts/multi-platform-image.sh), so this is the modern engine's.
  it.runIf(modern)(
    'a multi-platform tag: the index digest decides, and with one platform here, that platform’s manifest does',
    async () => {
      process.env.STRATA_UPDATE_INTERVAL_S = '0';
      const repository = `${REPO}-multi`;
      const ref = `${REGISTRY}/${repository}:1`;
      const stateOf = async () => {
        const { body } = await json<UpdatesResponse>(await updatesRoute(get('?wait=8000'), ctx({})));
        return body.updates.find((update) => update.tag === ref)?.state;
      };
      let pushed = '';
      try {
        execFileSync(SCRIPT, [ref], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        docker('push', ref);
        pushed = docker('image', 'inspect', '--format', '{{.Id}}', ref);
        expect(await stateOf()).toBe('up_to_date');

        // Someone rebuilds arm64 only: a new index; this engine holds both platforms of the old one.
        await pushChangedIndex(repository, '1', ['arm64']);
        expect(await stateOf()).toBe('newer');

        // The old index with only linux/amd64 here (as after a pull with --platform): amd64 is unchanged.
        docker('rmi', ref);
        docker('pull', '--platform', 'linux/amd64', `${REGISTRY}/${repository}@${pushed}`);
        docker('tag', `${REGISTRY}/${repository}@${pushed}`, ref);
        expect(await stateOf()).toBe('up_to_date');

        // And once amd64 is rebuilt too, this engine's platform is behind.
        await pushChangedIndex(repository, '1', ['amd64']);
        expect(await stateOf()).toBe('newer');
      } finally {
        delete process.env.STRATA_UPDATE_INTERVAL_S;
        for (const name of [ref, `${REGISTRY}/${repository}@${pushed}`]) {
          try {
            docker('rmi', '-f', name);
          } catch {
            // gone
          }
        }
      }
    },
    120_000,
  );

  it('previews a tag delete with every tag on its digest, then deletes exactly those', async () => {
    const preview = await json<TagDeletePreview>(await previewRoute(get(), ctx({ server: REGISTRY, name: REPO, tag: '1.27' })));
    expect([...preview.body.goes].sort()).toEqual(['1.27', '1.27.3', 'latest']);
    const stale = await deleteRoute(
      new Request(`http://localhost/x?digest=sha256:${'0'.repeat(64)}`, { method: 'DELETE' }),
      ctx({ server: REGISTRY, name: REPO, tag: '1.27' }),
    );
    expect(stale.status).toBe(409);
    const done = await deleteRoute(
      new Request(`http://localhost/x?digest=${preview.body.digest}`, { method: 'DELETE' }),
      ctx({ server: REGISTRY, name: REPO, tag: '1.27' }),
    );
    expect(done.status).toBe(200);
    const tags = await json<TagPage>(await tagsRoute(get(), ctx({ server: REGISTRY, name: REPO })));
    expect(tags.body.tags.map((tag) => tag.name)).toEqual(['old']);
  });
});
