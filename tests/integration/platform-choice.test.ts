// One platform of a multi-platform image on the image page's routes (detail, history, analysis, layer
// files); pulling one platform is in transfer.test.ts (one registry, one file at a time). The index is made offline (scripts/multi-platform-image.sh) on the
// modern engine; the classic engine holds one platform per image, so there a platform is only its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as detailRoute } from '@/app/api/images/[ref]/route';
import { GET as historyRoute } from '@/app/api/images/[ref]/history/route';
import { GET as analysisRoute } from '@/app/api/images/[ref]/analysis/route';
import { GET as filesRoute } from '@/app/api/images/[ref]/layers/[diffId]/files/route';
import { POST as pullRoute } from '@/app/api/pull/route';
import type { ImageAnalysis } from '@/lib/api/analysis';
import type { HistoryResponse } from '@/lib/api/history';
import type { ImageDetail } from '@/lib/api/images';
import { docker, engineGet, engineStore, imageExists, requireSandbox } from '../support/sandbox';

const TAG = 'strata-test/platform-choice:1';
const REGISTRY = `localhost:${process.env.STRATA_REGISTRY_PORT ?? '5556'}`;
const SCRIPT = path.resolve(__dirname, '../../scripts/multi-platform-image.sh');
const ctx = <P extends object>(params: P) => ({ params: Promise.resolve(params) });
const get = (query = '') => new Request(`http://localhost/x${query}`);
const post = (body: unknown) =>
  new Request('http://localhost/x', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const arm64 = encodeURIComponent(JSON.stringify({ os: 'linux', architecture: 'arm64' }));

async function detail(
  ref: string,
  platform?: string,
): Promise<{ status: number; body: ImageDetail & { error?: { code: string; message: string } } }> {
  const response = await detailRoute(get(platform === undefined ? '' : `?platform=${encodeURIComponent(platform)}`), ctx({ ref }));
  return { status: response.status, body: await response.json() };
}
async function history(ref: string, platform?: string): Promise<HistoryResponse> {
  const response = await historyRoute(get(platform ? `?platform=${platform}` : ''), ctx({ ref }));
  expect(response.status).toBe(200);
  return response.json();
}
async function analyse(ref: string, platform?: string): Promise<ImageAnalysis> {
  const response = await analysisRoute(get(platform ? `?platform=${platform}` : ''), ctx({ ref }));
  expect(response.status).toBe(200);
  const lines = (await response.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { kind: string; analysis?: ImageAnalysis; message?: string });
  const last = lines.at(-1);
  if (last?.kind !== 'result') throw new Error(`analysis ended with ${JSON.stringify(last)}`);
  return last.analysis!;
}
const modern = (() => {
  try {
    requireSandbox();
    return engineStore() === 'containerd';
  } catch {
    return false;
  }
})();

beforeAll(() => {
  requireSandbox();
  process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-platform-'));
});

describe('the platform parameter on any engine', () => {
  const REF = 'strata-fixture/app:1.0';

  it('accepts an image’s own platform as the image itself, and refuses another one with a 404 that says so', async () => {
    const plain = await detail(REF);
    const own = [plain.body.os, plain.body.architecture, plain.body.variant].filter(Boolean).join('/');
    const same = await detail(REF, own);
    expect(same.status).toBe(200);
    expect(same.body.layers).toEqual(plain.body.layers);
    expect(same.body.shownPlatform).toBeUndefined();
    if (plain.body.platforms.length === 1) {
      const other = await detail(REF, own === 'linux/arm64' ? 'linux/amd64' : 'linux/arm64');
      expect(other.status).toBe(404);
      expect(other.body.error?.message).toMatch(/is a single-platform image \(linux\/\w+\); it has no linux\/\w+/);
      const otherHistory = await historyRoute(get('?platform=linux/s390x'), ctx({ ref: REF }));
      expect(otherHistory.status).toBe(404);
    }
  });

  it.each(['Linux/ARM64', 'linux', 'linux/arm64/v8/extra', 'linux//arm64', '../../x/y', 'linux/arm64 ', '{"os":"linux"}', ''])(
    'refuses the platform %j with a 400 in the one error shape',
    async (bad) => {
      const response = await detail(REF, bad);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'invalid_input' });
      expect(response.body.error?.message).toMatch(/os\/architecture\[\/variant\]/);
      const pulled = await pullRoute(post({ ref: `${REGISTRY}/strata-test/never:1`, platform: bad }), ctx({}));
      expect(pulled.status).toBe(400);
    },
  );
});

describe.runIf(modern)('one platform of a two-platform index (modern engine)', () => {
  let id = '';
  beforeAll(() => {
    id = execFileSync(SCRIPT, [TAG, '--missing'], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }, 60_000);
  afterAll(() => {
    if (imageExists(TAG)) docker('rmi', TAG);
  });

  const engineInspect = (platform: string) =>
    engineGet<{ Id: string; Architecture: string; RootFS: { Layers: string[] }; Config: { Labels: Record<string, string> } }>(
      `/images/${TAG}/json?platform=${platform}`,
    );

  it('gives the detail page the arm64 config and layers, the image’s tags and platforms unchanged', async () => {
    const amd = await detail(TAG);
    const arm = await detail(TAG, 'linux/arm64');
    expect(arm.status).toBe(200);
    const engineArm = engineInspect(arm64);
    expect(arm.body).toMatchObject({
      id,
      shownPlatform: 'linux/arm64',
      architecture: 'arm64',
      os: 'linux',
      layers: engineArm.RootFS.Layers,
    });
    expect((arm.body.inspect.masked as { Id: string }).Id).toBe(engineArm.Id);
    expect(engineArm.Id).toBe(arm.body.platforms.find((p) => p.architecture === 'arm64')!.id);
    expect(amd.body.architecture).toBe('amd64');
    expect(arm.body.layers).not.toEqual(amd.body.layers);
    expect(arm.body.repoTags).toEqual(amd.body.repoTags);
    expect(arm.body.platforms).toEqual(amd.body.platforms);
  });

  it('gives that platform’s history: its own step, its own layer, matched by its config', async () => {
    const amd = await history(id);
    const arm = await history(id, 'linux/arm64');
    expect(arm.image).toMatchObject({ id, architecture: 'arm64', platform: 'linux/arm64' });
    expect(arm.steps.map((step) => step.createdBy)).toEqual([expect.stringContaining('multi-platform-image.sh arm64')]);
    expect(amd.steps.map((step) => step.createdBy)).toEqual([expect.stringContaining('multi-platform-image.sh amd64')]);
    expect(arm.steps[0]).toMatchObject({ emptyLayer: false, diffId: engineInspect(arm64).RootFS.Layers[0] });
    // Paired for sure (from the API's steps or the platform's config), never left unknown.
    expect(arm.mapping).not.toBe('unknown');
    expect(arm.steps[0]!.diffId).not.toBe(amd.steps[0]!.diffId);
    // History sizes are snapshot usage on this store: arm64 is stored, not unpacked, on this host.
    const engineHistory = engineGet<{ Size: number }[]>(`/images/${TAG}/history?platform=${arm64}`);
    expect(arm.steps.map((step) => step.size)).toEqual(engineHistory.map((step) => step.Size));
    expect(amd.steps[0]!.size).toBeGreaterThan(1_000_000);
  });

  it('analyses the foreign arm64 platform from its own export: its marker and its 64 KiB more', async () => {
    const amd = await analyse(TAG);
    const arm = await analyse(TAG, 'linux/arm64');
    const files = (analysis: ImageAnalysis) => new Map(analysis.changes.flat().map((change) => [change.path, change.size]));
    expect(files(arm).get('arm64-data')).toBe(65_536);
    expect(files(amd).has('arm64-data')).toBe(false);
    expect(arm.totalBytes - amd.totalBytes).toBe(65_536);
    // The layer files route browses the same platform's layer.
    const diffId = engineInspect(arm64).RootFS.Layers[0]!;
    const listing = await filesRoute(get('?platform=linux/arm64'), ctx({ ref: TAG, diffId }));
    expect(listing.status).toBe(200);
    const names = ((await listing.json()) as { entries: { name: string; size: number }[] }).entries.map(
      (entry) => `${entry.name}:${entry.size}`,
    );
    expect(names).toContain('arm64-data:65536');
    // amd64's layer is not arm64's: without the platform it is not part of the image.
    expect((await filesRoute(get(), ctx({ ref: TAG, diffId }))).status).toBe(404);
  }, 60_000);

  it('says plainly that a platform in the index without its content is not here (409), and one not in the index is not found (404)', async () => {
    const absent = await detail(TAG, 'linux/arm/v7');
    expect(absent.status).toBe(409);
    expect(absent.body.error?.message).toMatch(/^linux\/arm\/v7 is listed in the index of .*, but its content is not on this engine/);
    const analysis = await analysisRoute(get('?platform=linux/arm/v7'), ctx({ ref: TAG }));
    expect(analysis.status).toBe(409);
    const none = await detail(TAG, 'linux/s390x');
    expect(none.status).toBe(404);
    expect(none.body.error?.message).toContain('holds linux/amd64, linux/arm64, linux/arm/v7');
  });
});
