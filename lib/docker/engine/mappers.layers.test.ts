import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainIds, layerSizesFromHistory, looksLikeLayerStep } from '@/lib/docker/engine/mappers';
import type { RawHistoryItem, RawImageInspect } from '@/lib/docker/engine/raw-types';

const fixture = <T>(dir: 'api-1.41' | 'api-1.51-containerd', name: string): T =>
  JSON.parse(readFileSync(path.join(__dirname, '..', '__fixtures__', dir, `${name}.json`), 'utf8')) as T;

const app141 = {
  inspect: fixture<RawImageInspect>('api-1.41', 'images_strata-fixture_app_1.0_json'),
  history: fixture<RawHistoryItem[]>('api-1.41', 'images_strata-fixture_app_1.0_history'),
};
const many141 = {
  inspect: fixture<RawImageInspect>('api-1.41', 'images_strata-fixture_many_1_json'),
  history: fixture<RawHistoryItem[]>('api-1.41', 'images_strata-fixture_many_1_history'),
};
const app151 = {
  inspect: fixture<RawImageInspect>('api-1.51-containerd', 'images_strata-fixture_app_1.0_json'),
  history: fixture<RawHistoryItem[]>('api-1.51-containerd', 'images_strata-fixture_app_1.0_history'),
};
const layersOf = (raw: RawImageInspect): string[] => raw.RootFS?.Layers ?? [];

const step = (CreatedBy: string, Size = 0, Comment = ''): RawHistoryItem => ({
  Id: '<missing>',
  Created: 0,
  CreatedBy,
  Size,
  Comment,
  Tags: null,
});
const buildkit = (CreatedBy: string, Size = 0) => step(CreatedBy, Size, 'buildkit.dockerfile.v0');

describe('chainIds', () => {
  // Computed here on its own, straight from the OCI image spec, to check the implementation against.
  const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

  it('starts with the first diff ID and chains every next one as sha256(prev + " " + diff)', () => {
    const diffs = layersOf(app141.inspect);
    const chains = chainIds(diffs);
    expect(chains).toHaveLength(4);
    expect(chains[0]).toBe(diffs[0]);
    const second = sha(`${diffs[0]} ${diffs[1]}`);
    const third = sha(`${second} ${diffs[2]}`);
    const fourth = sha(`${third} ${diffs[3]}`);
    expect(chains.slice(1)).toEqual([second, third, fourth]);
  });

  it('gives the same base layer the same chain ID in two images, and their later layers different ones', () => {
    const app = chainIds(layersOf(app141.inspect));
    const many = chainIds(layersOf(many141.inspect));
    expect(app[0]).toBe(many[0]);
    expect(app[1]).not.toBe(many[1]);
  });

  it('names the same diff on a different stack differently', () => {
    expect(chainIds(['sha256:a', 'sha256:c'])[1]).not.toBe(chainIds(['sha256:b', 'sha256:c'])[1]);
    expect(chainIds(['sha256:only'])).toEqual(['sha256:only']);
    expect(chainIds([])).toEqual([]);
  });
});

describe('looksLikeLayerStep', () => {
  it('counts every step with bytes', () => {
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop)  LABEL a=b', 10))).toBe(true);
  });

  it('reads legacy-builder steps: #(nop) metadata is no layer, except COPY, ADD and WORKDIR', () => {
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop)  LABEL strata.fixture=1'))).toBe(false);
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop)  CMD ["/bin/sh" "/app/run.sh"]'))).toBe(false);
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop)  ENV APP_HOME=/app'))).toBe(false);
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop) WORKDIR /app'))).toBe(true);
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop) COPY file:0a1b in /app/ '))).toBe(true);
    expect(looksLikeLayerStep(step('/bin/sh -c #(nop) ADD dir:9f in / '))).toBe(true);
  });

  it('counts a 0-byte legacy RUN and an imported root filesystem as layers', () => {
    expect(looksLikeLayerStep(step('/bin/sh -c rm /layer-1.bin'))).toBe(true);
    expect(looksLikeLayerStep(step('', 0, 'Imported from -'))).toBe(true);
  });

  it('reads BuildKit steps by their instruction', () => {
    expect(looksLikeLayerStep(buildkit('RUN /bin/sh -c true # buildkit'))).toBe(true);
    expect(looksLikeLayerStep(buildkit('COPY run.sh /app/run.sh # buildkit'))).toBe(true);
    expect(looksLikeLayerStep(buildkit('ADD https://example.com/x /x # buildkit'))).toBe(true);
    expect(looksLikeLayerStep(buildkit('WORKDIR /app'))).toBe(true);
    expect(looksLikeLayerStep(buildkit('ENV APP_HOME=/app GREETING=hello'))).toBe(false);
    expect(looksLikeLayerStep(buildkit('LABEL app=demo'))).toBe(false);
    expect(looksLikeLayerStep(buildkit('EXPOSE map[8080/tcp:{}]'))).toBe(false);
    expect(looksLikeLayerStep(buildkit('CMD ["/bin/sh" "/app/run.sh"]'))).toBe(false);
  });

  it('agrees with the recorded 1.41 app history: exactly 4 layer steps for 4 layers', () => {
    expect(app141.history.filter(looksLikeLayerStep)).toHaveLength(layersOf(app141.inspect).length);
  });
});

describe('layerSizesFromHistory', () => {
  it('pairs the 1.41 app history with its 4 layers, including the 0-byte legacy WORKDIR layer', () => {
    const sizes = layerSizesFromHistory(app141.history, layersOf(app141.inspect).length);
    expect(sizes).toEqual([1982454, 0, 35, 262144]);
    expect(sizes?.reduce((a, b) => a + b, 0)).toBe(app141.inspect.Size);
  });

  it('pairs the 16-layer many:1 history, ending in a RUN rm that made a 0-byte layer', () => {
    const sizes = layerSizesFromHistory(many141.history, layersOf(many141.inspect).length);
    expect(sizes).toEqual([1982454, ...Array.from({ length: 14 }, (_, i) => 16384 * (i + 1)), 0]);
    expect(sizes?.reduce((a, b) => a + b, 0)).toBe(3702774);
  });

  it('pairs a BuildKit history on the containerd store, where WORKDIR made a 0-byte layer', () => {
    expect(layerSizesFromHistory(app151.history, layersOf(app151.inspect).length)).toEqual([2015232, 0, 4096, 266240]);
  });

  it('falls back to the sized steps when the instruction guess over-counts', () => {
    // BuildKit drops a RUN whose diff is empty, so `RUN true` below made no layer: 2 layers, 3 guesses.
    const history = [buildkit('COPY a /a # buildkit', 4096), buildkit('RUN /bin/sh -c true # buildkit'), step('', 2015232)];
    expect(layerSizesFromHistory(history, 2)).toEqual([2015232, 4096]);
  });

  it('returns null when neither the instruction guess nor the sized steps match the layer count', () => {
    // 3 layers (root, WORKDIR, COPY); the dropped empty RUN makes 4 guesses and only 2 steps have bytes.
    const history = [
      buildkit('COPY a /app/a # buildkit', 4096),
      buildkit('RUN /bin/sh -c true # buildkit'),
      buildkit('WORKDIR /app'),
      step('', 2015232),
    ];
    expect(layerSizesFromHistory(history, 3)).toBeNull();
  });

  it('returns null for a history that does not belong to the layer count at all', () => {
    expect(layerSizesFromHistory(app141.history, 7)).toBeNull();
    expect(layerSizesFromHistory([], 0)).toEqual([]);
  });
});
