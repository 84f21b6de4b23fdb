// The layer file analysis on a fixture image with exactly known contents.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '@/lib/api/analysis';
import { GET as analysisRoute } from '@/app/api/images/[ref]/analysis/route';
import { GET as filesRoute } from '@/app/api/images/[ref]/layers/[diffId]/files/route';
import { buildImage, docker, requireSandbox } from '../support/sandbox';

const REF = 'strata-test/waste:1';
const DOCKERFILE = [
  'FROM strata-fixture/base:1',
  'RUN mkdir /data && dd if=/dev/zero of=/data/big bs=1000 count=1 2>/dev/null',
  'RUN rm /data/big',
  'RUN echo hello > /f.txt',
  'RUN chmod 600 /f.txt',
  'RUN mkdir /d && dd if=/dev/zero of=/d/x bs=500 count=1 2>/dev/null',
  'RUN rm -rf /d',
  'RUN dd if=/dev/zero of=/o.bin bs=300 count=1 2>/dev/null',
  'RUN dd if=/dev/zero of=/o.bin bs=400 count=1 2>/dev/null',
  'RUN ln -s /f.txt /s && ln /o.bin /h',
].join('\n');

type Progress = { kind: 'progress'; bytesRead: number; totalBytes: number };

async function analyse(): Promise<{ analysis: ImageAnalysis; progress: number; events: Progress[] }> {
  const response = await analysisRoute(new Request('http://localhost/x'), { params: Promise.resolve({ ref: REF }) });
  const lines = (await response.text())
    .split('\n')
    .filter(Boolean)
    .map(
      (line) => JSON.parse(line) as { kind: string; analysis?: ImageAnalysis; message?: string; bytesRead?: number; totalBytes?: number },
    );
  const result = lines.find((line) => line.kind === 'result');
  if (!result) throw new Error(`no result: ${JSON.stringify(lines.at(-1))}`);
  const events = lines.filter((line) => line.kind === 'progress') as Progress[];
  return { analysis: result.analysis!, progress: events.length, events };
}

describe('layer file analysis', () => {
  beforeAll(() => {
    requireSandbox();
    process.env.STRATA_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'strata-analysis-'));
    buildImage(REF, DOCKERFILE);
  });
  afterAll(() => docker('rmi', REF));

  it('finds each kind of waste exactly, counting only the copies that do not stay', async () => {
    const { analysis, progress, events } = await analyse();
    expect(progress).toBeGreaterThanOrEqual(1);
    // Ten small layers: the export's tar framing is far larger than the image's size (issue 22). The
    // bar never passes 100 %, and the last figure is what was really read.
    for (const event of events) expect(event.bytesRead, JSON.stringify(event)).toBeLessThanOrEqual(event.totalBytes);
    const last = events.at(-1)!;
    expect(last.bytesRead).toBeGreaterThan(Number(docker('image', 'inspect', '--format', '{{.Size}}', REF)));
    expect(last.totalBytes).toBe(last.bytesRead);
    const byPath = Object.fromEntries(analysis.wasted.map((item) => [item.path, item]));
    expect(byPath['data/big']).toMatchObject({ bytes: 1000, kind: 'deleted' });
    expect(byPath['d/x']).toMatchObject({ bytes: 500, kind: 'deleted' });
    expect(byPath['f.txt']).toMatchObject({ bytes: 6, kind: 'permissions' });
    // o.bin: its 300-byte first version, and then its 400-byte version, which the last layer stores again
    // (the hard link made overlayfs copy the file up; the tar holds it as `h`, with o.bin linking to it).
    expect(analysis.wasted.filter((item) => item.path === 'o.bin').map((item) => [item.bytes, item.kind, item.layers])).toEqual([
      [400, 'overwritten', [9, 10]],
      [300, 'overwritten', [8, 9]],
    ]);
    expect(analysis.wastedBytes).toBe(1000 + 500 + 300 + 400 + 6);
    expect(analysis.layers).toHaveLength(Number(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', REF)));
    expect(analysis.efficiency).toBeCloseTo(1 - analysis.wastedBytes / analysis.totalBytes);
  });

  it('marks what each layer adds, changes and removes, links included', async () => {
    const { analysis } = await analyse();
    const changes = analysis.changes.flat();
    expect(changes).toContainEqual(expect.objectContaining({ path: 'data/big', change: 'removed', size: 1000 }));
    expect(changes).toContainEqual(expect.objectContaining({ path: 'd', change: 'removed', size: 500 }));
    expect(changes).toContainEqual(expect.objectContaining({ path: 'f.txt', change: 'modified', permissionsOnly: true }));
    expect(changes).toContainEqual(expect.objectContaining({ path: 's', type: 'symlink', change: 'added' }));
    expect(changes).toContainEqual(expect.objectContaining({ path: 'h', type: 'file', size: 400, change: 'added' }));
    expect(changes).toContainEqual(expect.objectContaining({ path: 'o.bin', type: 'hardlink', change: 'modified' }));
  });

  it('lists one directory of one layer lazily, from the cache', async () => {
    await analyse();
    const diffIds = docker('image', 'inspect', '--format', '{{join .RootFS.Layers " "}}', REF).split(' ');
    const ctx = (diffId: string) => ({ params: Promise.resolve({ ref: REF, diffId }) });
    const top = await filesRoute(new Request('http://localhost/x?path=/&view=filesystem'), ctx(diffIds.at(-1)!));
    const listing = await top.json();
    expect(listing.position).toBe(diffIds.length);
    expect(listing.entries.map((entry: { name: string }) => entry.name)).toEqual(
      expect.arrayContaining(['bin', 'f.txt', 'o.bin', 'h', 's']),
    );
    expect(listing.entries.find((entry: { name: string }) => entry.name === 'd')).toBeUndefined();
    const bin = await (await filesRoute(new Request('http://localhost/x?path=bin&view=filesystem'), ctx(diffIds.at(-1)!))).json();
    expect(bin.entries.find((entry: { name: string }) => entry.name === 'busybox')).toMatchObject({ type: 'file', directory: false });
    const missing = await filesRoute(new Request('http://localhost/x'), ctx(`sha256:${'0'.repeat(64)}`));
    expect(missing.status).toBe(404);
    const unknownImage = await analysisRoute(new Request('http://localhost/x'), { params: Promise.resolve({ ref: 'strata-test/nope:1' }) });
    expect(unknownImage.status).toBe(404);
  });

  it('reads the second time from the per-layer cache, with the same answer', async () => {
    const first = await analyse();
    const second = await analyse();
    expect(second.analysis).toEqual(first.analysis);
  });
});
