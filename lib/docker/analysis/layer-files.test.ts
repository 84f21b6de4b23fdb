// The export parser on hand-made archives: the OCI layout with gzip and zstd layers (what Docker 25+ and
// the containerd store write, and the local engine cannot), and the legacy layout.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { parseExport } from '@/lib/docker/analysis/layer-files';

/** A tar of the given entries (for layers: text content is enough). */
async function tarOf(
  files: { name: string; content?: string; type?: 'file' | 'directory' | 'symlink' | 'link'; linkname?: string; mode?: number }[],
): Promise<Buffer> {
  const archive = pack();
  for (const file of files) {
    if (file.type === 'directory' || file.type === 'symlink' || file.type === 'link')
      archive.entry({ name: file.name, type: file.type, linkname: file.linkname, mode: file.mode ?? 0o755 });
    else archive.entry({ name: file.name, mode: file.mode ?? 0o644 }, file.content ?? '');
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const zstd = (data: Buffer) => execFileSync('zstd', ['-q', '-c'], { input: data });

async function parse(archive: Buffer, wanted: string[]) {
  return parseExport(Readable.from([archive]), new Set(wanted));
}

describe('parseExport', () => {
  it('reads the OCI layout with gzip and zstd layers, identified by the hash of their content', async () => {
    const layer1 = await tarOf([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/app.conf', content: 'port=80\n' },
      { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
    ]);
    const layer2 = await tarOf([{ name: 'etc/.wh.app.conf' }, { name: 'data/.wh..wh..opq' }, { name: 'data/new.txt', content: 'new' }]);
    const gz = gzipSync(layer1);
    const zs = zstd(layer2);
    const blobName = (data: Buffer) => `blobs/sha256/${sha(data).slice(7)}`;
    const archive = pack();
    archive.entry({ name: blobName(gz) }, gz);
    archive.entry({ name: blobName(zs) }, zs);
    archive.entry({ name: 'blobs/sha256/cfg' }, JSON.stringify({ rootfs: { diff_ids: [sha(layer1), sha(layer2)] } }));
    archive.entry({ name: 'manifest.json' }, JSON.stringify([{ Config: 'blobs/sha256/cfg', Layers: [blobName(gz), blobName(zs)] }]));
    archive.entry({ name: 'oci-layout' }, '{"imageLayoutVersion":"1.0.0"}');
    archive.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(chunk as Buffer);
    const binary = Buffer.concat(chunks);
    const found = await parse(binary, [sha(layer1), sha(layer2)]);
    expect([...found.keys()].sort()).toEqual([sha(layer1), sha(layer2)].sort());
    expect(found.get(sha(layer1))!.entries.map((entry) => [entry.path, entry.type, entry.size])).toEqual([
      ['etc', 'directory', 0],
      ['etc/app.conf', 'file', 8],
      ['bin/sh', 'symlink', 0],
    ]);
    expect(found.get(sha(layer1))!.entries[1]!.hash).toBe(createHash('sha256').update('port=80\n').digest('hex'));
    expect(found.get(sha(layer2))!.entries.map((entry) => [entry.path, entry.removes, entry.opaque])).toEqual([
      ['etc/app.conf', true, false],
      ['data', false, true],
      ['data/new.txt', false, false],
    ]);
  });

  it('reads the legacy layout (<id>/layer.tar, uncompressed) and ignores layers it was not asked for', async () => {
    const layer = await tarOf([{ name: 'hello.txt', content: 'hi' }]);
    const other = await tarOf([{ name: 'other.txt', content: 'x' }]);
    const archive = pack();
    archive.entry({ name: 'abc/layer.tar' }, layer);
    archive.entry({ name: 'def/layer.tar' }, other);
    archive.entry({ name: 'manifest.json' }, '[]');
    archive.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(chunk as Buffer);
    const found = await parse(Buffer.concat(chunks), [sha(layer)]);
    expect([...found.keys()]).toEqual([sha(layer)]);
    expect(found.get(sha(layer))!.entries[0]).toMatchObject({ path: 'hello.txt', size: 2, type: 'file' });
  });

  it('keeps what the OS release file and the package databases say, in the same pass, and names what it does not read', async () => {
    const status = 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\nInstalled-Size: 2\n';
    const layer = await tarOf([
      { name: 'usr/lib/os-release', content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'var/lib/dpkg/status', content: status },
      { name: 'var/lib/dpkg/status-old', type: 'link', linkname: 'var/lib/dpkg/status' },
      { name: 'var/lib/dpkg/status.d/tzdata', content: 'Package: tzdata\nVersion: 2024a\nArchitecture: all\n' },
      { name: 'var/lib/dpkg/status.d/tzdata.md5sums', content: 'abc  usr/share/zoneinfo/UTC\n' },
      { name: 'var/lib/rpm/rpmdb.sqlite', content: 'SQLite format 3' },
    ]);
    const archive = pack();
    archive.entry({ name: 'abc/layer.tar' }, layer);
    archive.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(chunk as Buffer);
    const { databases, entries } = (await parse(Buffer.concat(chunks), [sha(layer)])).get(sha(layer))!;
    expect(databases.osRelease).toEqual({
      'usr/lib/os-release': { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', idLike: [], codename: null },
    });
    expect(Object.keys(databases.packages).sort()).toEqual(['var/lib/dpkg/status', 'var/lib/dpkg/status.d/tzdata']);
    expect(databases.packages['var/lib/dpkg/status']).toEqual([
      { type: 'deb', name: 'libc6', version: '2.36-9', arch: 'amd64', source: null, size: 2048 },
    ]);
    expect(databases.unread).toEqual([{ path: 'var/lib/rpm/rpmdb.sqlite', reason: 'rpm' }]);
    // The file list is the same as without the databases: the captured files are entries like any other.
    expect(entries.map((entry) => entry.path)).toContain('var/lib/dpkg/status.d/tzdata.md5sums');
  });
});
