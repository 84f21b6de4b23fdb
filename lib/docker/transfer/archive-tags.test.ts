import { Readable } from 'node:stream';
import { pack as tarPack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { archiveTagGate, namingProblem } from './archive-tags';

async function tarOf(entries: { name: string; body: string; pax?: Record<string, string> }[]): Promise<Buffer> {
  const archive = tarPack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  for (const { name, body, pax } of entries) archive.entry({ name, pax }, body);
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Feeds `archive` in chunks of `size`; what came out, and the error if the gate refused. */
async function through(archive: Buffer, size: number): Promise<{ out: Buffer; error: Error | null }> {
  const parts: Buffer[] = [];
  for (let i = 0; i < archive.length; i += size) parts.push(archive.subarray(i, i + size));
  const gate = archiveTagGate();
  const out: Buffer[] = [];
  gate.on('data', (chunk: Buffer) => out.push(chunk));
  const error = await new Promise<Error | null>((resolve) => {
    gate.on('error', resolve);
    gate.on('end', () => resolve(null));
    Readable.from(parts).pipe(gate);
  });
  return { out: Buffer.concat(out), error };
}

const manifest = (tags: string[]) => JSON.stringify([{ Config: 'abc.json', RepoTags: tags, Layers: ['l/layer.tar'] }]);
const layer = { name: 'l/layer.tar', body: 'x'.repeat(3000) };

describe('archiveTagGate', () => {
  it('passes a good archive through unchanged, whatever the chunking', async () => {
    const archive = await tarOf([layer, { name: 'manifest.json', body: manifest(['team/app:1', 'localhost:5000/x:2']) }]);
    for (const size of [1, 7, 512, 513, 65536]) {
      const { out, error } = await through(archive, size);
      expect(error).toBeNull();
      expect(out.equals(archive)).toBe(true);
    }
  });

  it('refuses a bad tag before the naming file is whole, whatever the chunking', async () => {
    const archive = await tarOf([layer, { name: 'manifest.json', body: manifest(['team/App:1']) }]);
    for (const size of [1, 100, 512, 4096]) {
      const { out, error } = await through(archive, size);
      expect(error?.message).toMatch(/“team\/App:1”.*nothing was loaded/);
      // The engine never received the archive's end, so it cannot load it.
      expect(out.length).toBeLessThan(archive.length - 1024);
    }
  });

  it('follows pax path names (a long name that is really manifest.json) and checks repositories and index.json', async () => {
    const renamed = await tarOf([{ name: 'whatever', body: manifest(['Bad:1']), pax: { path: 'manifest.json' } }]);
    expect((await through(renamed, 300)).error).not.toBeNull();
    const repositories = await tarOf([{ name: 'repositories', body: JSON.stringify({ 'team/app': { 'bad tag': 'abc' } }) }]);
    expect((await through(repositories, 300)).error).not.toBeNull();
    const index = await tarOf([
      {
        name: 'index.json',
        body: JSON.stringify({ manifests: [{ annotations: { 'io.containerd.image.name': 'docker.io/team/app:-x' } }] }),
      },
    ]);
    expect((await through(index, 300)).error).not.toBeNull();
  });

  it('leaves what is not a tar (gzip, junk) to the engine', async () => {
    const junk = Buffer.alloc(5000, 42);
    expect((await through(junk, 1000)).out.equals(junk)).toBe(true);
  });
});

describe('namingProblem', () => {
  it('wants name:tag in RepoTags, as the engine does', () => {
    expect(namingProblem('manifest.json', manifest(['team/app:1']))).toBeNull();
    expect(namingProblem('manifest.json', manifest(['team/app']))).toMatch(/not name:tag/);
    expect(namingProblem('manifest.json', manifest([`team/app@sha256:${'a'.repeat(64)}`]))).toMatch(/not name:tag/);
    expect(namingProblem('manifest.json', 'not json')).toBeNull();
    expect(
      namingProblem('index.json', JSON.stringify({ manifests: [{ annotations: { 'org.opencontainers.image.ref.name': '1.0' } }] })),
    ).toBeNull();
  });
});
