// Save, load and import through the API against the sandbox engine: an image saved, deleted and loaded
// back is the same image with the same tags; a root filesystem becomes an image that runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as exportOne } from '@/app/api/images/[ref]/export/route';
import { GET as exportMany } from '@/app/api/images/export/route';
import { POST as importRoute } from '@/app/api/images/import/route';
import { POST as loadRoute } from '@/app/api/images/load/route';
import { buildImage, docker, engineStore, imageExists, privateBase, requireSandbox } from '../support/sandbox';

const HOST = { host: 'localhost:3000' };
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const work = mkdtempSync(path.join(os.tmpdir(), 'strata-archives-'));

function upload(route: typeof loadRoute, url: string, body: BodyInit, type = 'application/x-tar') {
  return route(
    new Request(`http://localhost:3000${url}`, {
      method: 'POST',
      headers: { ...HOST, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit),
    ctx({}),
  );
}

/** Entry names of a tar, read as a stream (the archive is not kept), and the text of its manifest.json. */
async function entryNames(body: ReadableStream<Uint8Array>): Promise<string[] & { manifest?: string }> {
  const names: string[] & { manifest?: string } = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    names.push(header.name);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      if (header.name === 'manifest.json') chunks.push(chunk as Buffer);
    });
    stream.on('end', () => {
      if (header.name === 'manifest.json') names.manifest = Buffer.concat(chunks).toString('utf8');
      next();
    });
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => extract.on('finish', () => resolve()).on('error', reject));
  Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>).pipe(extract);
  await done;
  return names;
}

describe('save, load and import', () => {
  let id = '';
  beforeAll(() => {
    requireSandbox();
    privateBase('strata-test/archive-base:1');
    id = buildImage('strata-test/saved:1', 'FROM strata-test/archive-base:1\nRUN echo saved > /saved.txt\nLABEL purpose=save-load\n');
    docker('tag', 'strata-test/saved:1', 'strata-test/saved:also');
  });

  it('save → delete → load gives back the same image ID and tags', async () => {
    const response = await exportOne(new Request('http://localhost:3000/x', { headers: HOST }), ctx({ ref: 'strata-test/saved:1' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="strata-test_saved_1.tar"');
    expect(Number(response.headers.get('x-strata-estimated-bytes'))).toBeGreaterThan(1_000_000);
    const file = path.join(work, 'saved.tar');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));

    docker('image', 'rm', 'strata-test/saved:1', 'strata-test/saved:also');
    expect(() => docker('image', 'inspect', id)).toThrow();

    const loaded = await upload(loadRoute, '/api/images/load', readFileSync(file));
    expect(loaded.status).toBe(200);
    const events = (await loaded.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toEqual({ kind: 'done', loaded: ['strata-test/saved:1'] });
    expect(docker('image', 'inspect', '--format', '{{.Id}}', 'strata-test/saved:1')).toBe(id);
    docker('tag', 'strata-test/saved:1', 'strata-test/saved:also');
  });

  it('saves several images in one archive, tags kept', async () => {
    const response = await exportMany(
      new Request('http://localhost:3000/api/images/export?ref=strata-test/saved:1&ref=strata-fixture/web:1', { headers: HOST }),
      ctx({}),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('2-images.tar');
    const names = await entryNames(response.body!);
    expect(names).toContain('manifest.json');
    // Both images with their tags, which `docker load` gives back.
    const manifest = JSON.parse(names.manifest!) as { RepoTags: string[] | null }[];
    expect(manifest.flatMap((entry) => entry.RepoTags ?? []).sort()).toEqual(['strata-fixture/web:1', 'strata-test/saved:1']);
    // The legacy layout also names them in `repositories`; the containerd store writes an OCI layout.
    expect(names).toContain(engineStore() === 'classic' ? 'repositories' : 'index.json');
  });

  it('answers 404 for an unknown image before sending any archive, and 400 for a bad reference', async () => {
    const missing = await exportOne(new Request('http://localhost:3000/x', { headers: HOST }), ctx({ ref: 'strata-test/no-such-image:1' }));
    expect(missing.status).toBe(404);
    const bad = await exportMany(new Request('http://localhost:3000/api/images/export?ref=Bad..Ref', { headers: HOST }), ctx({}));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_reference');
  });

  it('refuses a file that is not a tar, and a tar that is not an image archive, with 400', async () => {
    const junk = await upload(loadRoute, '/api/images/load', new Uint8Array(5000).fill(42));
    expect(junk.status).toBe(400);
    expect((await junk.json()).error.message).toMatch(/not a valid tar archive/);

    writeFileSync(path.join(work, 'hello.txt'), 'a plain file, not an image\n');
    const rootfs = execFileSync('tar', ['-c', '-C', work, 'hello.txt']);
    const notImage = await upload(loadRoute, '/api/images/load', rootfs);
    expect(notImage.status).toBe(400);
    const message = (await notImage.json()).error.message as string;
    expect(message).toMatch(/not an image archive.*Import/);
    expect(message).not.toMatch(/\/tmp\//);

    // A root filesystem (directories at the top) reads to the engine like a legacy layer directory.
    execFileSync('sh', ['-c', `mkdir -p ${work}/fs/bin && echo x > ${work}/fs/bin/tool`]);
    const filesystem = await upload(loadRoute, '/api/images/load', execFileSync('tar', ['-c', '-C', `${work}/fs`, '.']));
    expect(filesystem.status).toBe(400);
    expect((await filesystem.json()).error.message).toMatch(/not an image archive/);

    const wrongType = await upload(loadRoute, '/api/images/load', '{}', 'application/json');
    expect(wrongType.status).toBe(400);
  });

  it('imports a root filesystem as an image that runs `sh -c true` with no network', async () => {
    const root = path.join(work, 'rootfs');
    execFileSync('sh', [
      '-c',
      `mkdir -p ${root}/bin && cp "$(command -v busybox)" ${root}/bin/busybox && ln -sf busybox ${root}/bin/sh && ln -sf busybox ${root}/bin/echo`,
    ]);
    const archive = execFileSync('tar', ['-c', '-C', root, '.'], { maxBuffer: 64 * 1024 * 1024 });
    const query = new URLSearchParams({ tag: 'strata-test/imported:1', message: 'from a test' });
    query.append('change', 'CMD ["/bin/sh", "-c", "echo imported"]');
    query.append('change', 'ENV GREETING=hello');
    query.append('change', 'WORKDIR /srv');
    const response = await upload(importRoute, `/api/images/import?${query}`, archive);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(body.tags).toEqual(['strata-test/imported:1']);
    expect(docker('run', '--rm', '--network', 'none', 'strata-test/imported:1', 'sh', '-c', 'true && echo ok $GREETING $(pwd)')).toBe(
      'ok hello /srv',
    );
    expect(docker('run', '--rm', '--network', 'none', 'strata-test/imported:1')).toBe('imported');
  });

  it('refuses an import of a file that is not a tarball, and changes it does not allow', async () => {
    const junk = await upload(importRoute, '/api/images/import?tag=strata-test/junk:1', new Uint8Array(3000).fill(1));
    expect(junk.status).toBe(400);
    const message = (await junk.json()).error.message as string;
    expect(message).toMatch(/not a valid tar archive/);
    expect(message).not.toMatch(/\/tmp\//);
    expect(() => docker('image', 'inspect', 'strata-test/junk:1')).toThrow();
    // A name that was taken stays with its image when an import under it fails.
    docker('tag', 'strata-test/saved:1', 'strata-test/junk:1');
    try {
      const again = await upload(importRoute, '/api/images/import?tag=strata-test/junk:1', new Uint8Array(3000).fill(1));
      expect(again.status).toBe(400);
      expect(docker('image', 'inspect', '--format', '{{.Id}}', 'strata-test/junk:1')).toBe(id);
    } finally {
      docker('rmi', 'strata-test/junk:1');
    }
    const change = await upload(importRoute, '/api/images/import?change=RUN%20rm%20-rf%20/', new Uint8Array(10));
    expect(change.status).toBe(400);
  });

  it('refuses an upload larger than the limit with 413', async () => {
    process.env.STRATA_UPLOAD_LIMIT_BYTES = '2048';
    try {
      const response = await upload(loadRoute, '/api/images/load', new Uint8Array(10_000));
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe('too_large');
    } finally {
      delete process.env.STRATA_UPLOAD_LIMIT_BYTES;
    }
  });

  it('refuses an import change that smuggles a second instruction on a new line', async () => {
    for (const change of ['CMD\nONBUILD RUN touch /x', 'CMD ["sh"]\r\nONBUILD RUN touch /x', 'ENV A=1\u2028ONBUILD RUN touch /x']) {
      const query = new URLSearchParams({ tag: 'strata-test/smuggled:1' });
      query.append('change', change);
      const response = await upload(importRoute, `/api/images/import?${query}`, new Uint8Array(10));
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect((await response.json()).error.message).toMatch(/one line/);
    }
    expect(imageExists('strata-test/smuggled:1')).toBe(false);
  });

  it('refuses an archive whose tag is invalid with 400 and loads nothing at all', async () => {
    const tag = 'strata-test/badtag:1';
    const id = buildImage(tag, `FROM strata-test/archive-base:1\nRUN echo ${Date.now()} > /badtag.txt\n`);
    const saved = execFileSync('docker', ['save', tag], { maxBuffer: 256 * 1024 * 1024 });
    docker('image', 'rm', tag);
    const archive = await rewriteEntries(saved, (name, body) =>
      name === 'manifest.json'
        ? Buffer.from(
            JSON.stringify(JSON.parse(body.toString()).map((entry: object) => ({ ...entry, RepoTags: ['strata-test/BadTag:1'] }))),
          )
        : body,
    );
    const response = await upload(loadRoute, '/api/images/load', new Uint8Array(archive));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/“strata-test\/BadTag:1”.*nothing was loaded/);
    // Not even untagged: the engine never had the whole archive.
    expect(imageExists(id)).toBe(false);
  });
});

/** A copy of a tar with some entries' bodies replaced (the archive is small: a test image). */
async function rewriteEntries(archive: Buffer, change: (name: string, body: Buffer) => Buffer): Promise<Buffer> {
  const extract = tar.extract();
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => void chunks.push(chunk as Buffer));
  const packed = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  extract.on('entry', (header, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (part: unknown) => void parts.push(part as Buffer));
    stream.on('end', () => {
      const body = change(header.name, Buffer.concat(parts));
      pack.entry({ ...header, size: body.length }, body, () => next());
    });
  });
  extract.on('finish', () => pack.finalize());
  Readable.from([archive]).pipe(extract);
  await packed;
  return Buffer.concat(chunks);
}
