// Build contexts that try to reach outside their folder on Strata's host (the server runs as root):
// link chains the kernel resolves earlier links first in, a Dockerfile that is such a link, hard links
// to outside files, absolute links, and a tar mixed with loose files. Each must be a 400 that leaves
// the host's files as they were.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack as tarPack, type Header } from 'tar-stream';
import { POST as buildRoute } from '@/app/api/build/route';
import { requireSandbox } from '../support/sandbox';

const ctx = { params: Promise.resolve({}) };
const DEEP = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'];
const UP = Array(8).fill('..').join('/');

type Entry = Partial<Header> & { name: string; body?: string };

async function tarOf(entries: Entry[]): Promise<Uint8Array> {
  const archive = tarPack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  for (const { body, ...header } of entries) {
    await new Promise<void>((resolve, reject) =>
      archive.entry({ mode: 0o644, ...header }, body ?? '', (error) => (error ? reject(error) : resolve())),
    );
  }
  archive.finalize();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The finding's chain: `b` sits 9 levels down and points 8 up (the context itself), `root` goes 8 up from `b`: really `/`. */
function chain(): Entry[] {
  return [
    ...DEEP.map((_, i) => ({ name: `${DEEP.slice(0, i + 1).join('/')}/`, type: 'directory' as const, mode: 0o755 })),
    { name: `${DEEP.join('/')}/b`, type: 'symlink', linkname: UP },
    { name: 'root', type: 'symlink', linkname: `${DEEP.join('/')}/b/${UP}` },
  ];
}

async function build(context: Uint8Array, options: object, dockerfile: string | null = 'FROM scratch\n', extra?: (form: FormData) => void) {
  const form = new FormData();
  if (dockerfile !== null) form.append('dockerfile', dockerfile);
  form.append('options', JSON.stringify(options));
  form.append('context', new Blob([context as BlobPart]), 'context.tar');
  extra?.(form);
  const response = await buildRoute(
    new Request('http://localhost:3000/api/build', { method: 'POST', headers: { host: 'localhost:3000' }, body: form }),
    ctx,
  );
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

describe('build contexts cannot reach outside their folder', () => {
  let outside: string;
  beforeAll(() => {
    requireSandbox();
    outside = mkdtempSync(path.join(os.tmpdir(), 'strata-escape-'));
  });
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  it('refuses a link chain that resolves to / and writes nothing through it', async () => {
    const target = path.join(outside, 'made', 'pwned');
    const result = await build(await tarOf(chain()), { dockerfilePath: `root${target}` }, 'FROM scratch\n# written through the link\n');
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/link/);
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  it('never overwrites an outside file when the Dockerfile itself is a chained link', async () => {
    const victim = path.join(outside, 'victim.conf');
    writeFileSync(victim, 'original\n');
    const entries = [...chain(), { name: 'Dockerfile', type: 'symlink' as const, linkname: `root${victim}` }];
    const result = await build(await tarOf(entries), {}, 'FROM scratch\n# overwrite\n');
    expect(result.status).toBe(400);
    expect(readFileSync(victim, 'utf8')).toBe('original\n');
  });

  it('refuses a hard link to a file outside, reached through a link', async () => {
    const secret = path.join(outside, 'secret.txt');
    writeFileSync(secret, 'host secret\n');
    const result = await build(await tarOf([...chain(), { name: 'stolen', type: 'link', linkname: `root${secret}` }]), {});
    expect(result.status).toBe(400);
  });

  it('refuses absolute links and links that climb out', async () => {
    const absolute = await build(await tarOf([{ name: 'etc', type: 'symlink', linkname: '/etc' }]), {});
    expect(absolute.status).toBe(400);
    expect(absolute.body.error?.message).toMatch(/absolute link target/);
    const climbing = await build(
      await tarOf([
        { name: 'a/', type: 'directory' },
        { name: 'a/up', type: 'symlink', linkname: '../..' },
      ]),
      {},
    );
    expect(climbing.status).toBe(400);
  });

  it('refuses files placed through a link in the archive itself', async () => {
    const result = await build(
      await tarOf([
        { name: 'out', type: 'symlink', linkname: outside },
        { name: 'out/planted.txt', body: 'x' },
      ]),
      {},
    );
    expect(result.status).toBe(400);
    expect(existsSync(path.join(outside, 'planted.txt'))).toBe(false);
  });

  it('refuses a tar and loose files in one request', async () => {
    const result = await build(await tarOf([{ name: 'a.txt', body: 'a' }]), {}, 'FROM scratch\n', (form) =>
      form.append('files', new Blob(['x']), 'b.txt'),
    );
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/not both/);
  });
});
