import { beforeAll, describe, expect, it } from 'vitest';
import { getHistory } from '@/lib/docker/history/timeline';
import { compareImages } from '@/lib/docker/history/compare';
import { readImageConfig } from '@/lib/docker/images/config';
import { GET as getPng } from '@/app/api/images/[ref]/breakdown.png/route';
import { GET as getCompare } from '@/app/api/compare/route';
import { buildImage, docker, engineGet, engineStore, requireSandbox } from '../support/sandbox';

const idOf = (ref: string) => docker('image', 'inspect', '--format', '{{.Id}}', ref);
const diffIdsOf = (ref: string) => docker('image', 'inspect', '--format', '{{join .RootFS.Layers " "}}', ref).split(' ');

describe('layer history on the sandbox engine', () => {
  beforeAll(() => requireSandbox());

  it('matches every step of steps:1 to its layer, even where the API alone is ambiguous', async () => {
    const history = await getHistory('strata-fixture/steps:1');
    const raw = engineGet<unknown[]>('/images/strata-fixture%2Fsteps:1/history');
    expect(history.steps).toHaveLength(raw.length);
    // Two 0-byte RUNs, only one of which made a layer: on the classic store only the config's empty_layer
    // flags can tell. The containerd store sizes a layer in filesystem blocks, so even an empty one shows,
    // and the history API alone is unambiguous.
    expect(history.mapping).toBe(engineStore() === 'classic' ? 'config' : 'history');
    const layerSteps = history.steps.filter((step) => step.layerIndex !== null);
    expect(layerSteps.map((step) => step.createdBy.split(' ').slice(0, 2).join(' '))).toEqual([
      'IMPORT busybox-static',
      'RUN mkdir',
      'COPY file:' + layerSteps[2]!.createdBy.split('file:')[1]!.split(' ')[0],
      'RUN mkdir',
      'RUN dd',
    ]);
    expect(layerSteps.map((step) => step.diffId)).toEqual(diffIdsOf('strata-fixture/steps:1'));
    const runTrue = history.steps.find((step) => step.createdBy === 'RUN true')!;
    expect(runTrue).toMatchObject({ emptyLayer: true, layerIndex: null, diffId: null, size: 0 });
    const mkdirData = history.steps.find((step) => step.createdBy === 'RUN mkdir /data')!;
    expect(mkdirData).toMatchObject({ emptyLayer: false, layerIndex: 3 });
    expect(history.steps.find((step) => step.instruction === 'ENV')!.createdBy).toBe('ENV DB_PASSWORD=hunter2 MODE=demo');
    const layerBytes = layerSteps.reduce((sum, step) => sum + step.size, 0);
    const listed = engineGet<{ Id: string; Size: number }[]>('/images/json').find((image) => image.Id === history.image.id)!;
    expect(history.image.size).toBe(listed.Size);
    if (engineStore() === 'classic') {
      expect(mkdirData.size).toBe(0);
      expect(history.image.unpackedSize).toBeNull();
      expect(layerBytes).toBe(history.image.size);
    } else {
      // A 0-byte layer still takes a directory's blocks; the layers add up to the unpacked size, less
      // the init snapshot of each legacy-build container (a few blocks each) that also sits in the chain.
      expect(mkdirData.size).toBeGreaterThan(0);
      expect(mkdirData.size).toBeLessThanOrEqual(16 * 1024);
      expect(layerBytes).toBeLessThanOrEqual(history.image.unpackedSize!);
      expect(history.image.unpackedSize! - layerBytes).toBeLessThanOrEqual(layerSteps.length * 32 * 1024);
    }
  });

  it('reads the empty_layer flags from the streamed export', async () => {
    const config = await readImageConfig(idOf('strata-fixture/steps:1'));
    expect(config?.diffIds).toEqual(diffIdsOf('strata-fixture/steps:1'));
    const runTrue = config!.history.find((entry) => entry.created_by === '/bin/sh -c true');
    expect(runTrue?.empty_layer).toBe(true);
    expect(config!.history.find((entry) => entry.created_by === '/bin/sh -c mkdir /data')?.empty_layer).toBeUndefined();
  });

  it('marks the base image boundary and who shares each layer', async () => {
    const history = await getHistory('strata-fixture/steps:1');
    const web = idOf('strata-fixture/web:1');
    expect(history.base).toMatchObject({ id: web, repoTags: ['strata-fixture/web:1'], layerCount: 2, stepCount: 7 });
    expect(history.steps.filter((step) => step.fromBase)).toHaveLength(7);
    expect(history.steps[6]!.tags).toEqual(['strata-fixture/web:1']);
    const [importLayer, webLayer, ...own] = history.steps.filter((step) => step.layerIndex !== null);
    // Every other image built on the same imported base layer (some tests build on bases of their own).
    const everyOther = engineGet<{ Id: string }[]>('/images/json')
      .map((image) => image.Id)
      .filter(
        (id) =>
          id !== history.image.id &&
          engineGet<{ RootFS: { Layers: string[] } }>(`/images/${id}/json`).RootFS.Layers[0] === importLayer!.diffId,
      );
    expect([...importLayer!.sharedWith].sort()).toEqual([...everyOther].sort());
    expect(webLayer!.sharedWith).toEqual([web]);
    for (const step of own) expect(step.sharedWith).toEqual([]);
    expect(history.related[web]?.repoTags).toEqual(['strata-fixture/web:1']);
  });

  it('takes the base from API history alone when it is unambiguous, and handles a deep image', async () => {
    const app = await getHistory('strata-fixture/app:1.0');
    expect(app.mapping).toBe('history');
    expect(app.base).toMatchObject({ repoTags: ['strata-fixture/base:1'], layerCount: 1, stepCount: 1 });
    const workdir = app.steps.find((step) => step.createdBy === 'WORKDIR /app')!;
    expect(workdir).toMatchObject({ emptyLayer: false, layerIndex: 1 });
    // A directory: no bytes of content on the classic store, its blocks on the containerd store.
    if (engineStore() === 'classic') expect(workdir.size).toBe(0);
    else expect(workdir.size).toBeGreaterThan(0);
    const many = await getHistory('strata-fixture/many:1');
    expect(many.steps.filter((step) => step.layerIndex !== null)).toHaveLength(23);
    expect(many.steps.filter((step) => step.diffId !== null).map((step) => step.diffId)).toEqual(diffIdsOf('strata-fixture/many:1'));
  });

  it('finds the base of an image that only adds metadata (the very same layers)', async () => {
    buildImage('strata-test/meta-only:1', 'FROM strata-fixture/web:1\nLABEL purpose=meta\nENV MODE=meta\n');
    try {
      const history = await getHistory('strata-test/meta-only:1');
      expect(history.base).toMatchObject({ repoTags: ['strata-fixture/web:1'], layerCount: 2, stepCount: 7 });
      expect(history.steps.filter((step) => !step.fromBase).map((step) => step.instruction)).toEqual(['LABEL', 'ENV']);
    } finally {
      docker('rmi', 'strata-test/meta-only:1');
    }
  });

  it('compares two images: shared layers, new layers, and the steps that differ', async () => {
    const result = await compareImages('strata-fixture/web:1', 'strata-fixture/steps:1');
    expect(result.sharedLayers.map((layer) => layer.diffId)).toEqual(diffIdsOf('strata-fixture/web:1'));
    expect(result.onlyA).toEqual([]);
    expect(result.onlyB.map((layer) => layer.diffId)).toEqual(diffIdsOf('strata-fixture/steps:1').slice(2));
    expect(result.rows.filter((row) => row.kind === 'same')).toHaveLength(7);
    expect(result.rows.filter((row) => row.kind === 'only-b')).toHaveLength(8);
    const response = await getCompare(new Request('http://localhost/api/compare?a=Bad..Ref&b=x'), { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
  });

  it('exports the breakdown as a 2× PNG', async () => {
    const response = await getPng(new Request('http://localhost/x'), { params: Promise.resolve({ ref: 'strata-fixture/steps:1' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2400, 1260]);
    expect(bytes.length).toBeGreaterThan(20_000);
  });
});
