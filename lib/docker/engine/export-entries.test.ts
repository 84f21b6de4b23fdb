import { PassThrough, Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readExportEntries, type ExportEntry } from '@/lib/docker/engine/export-entries';

function archive(entries: [string, string][]): Readable {
  const tar = pack();
  for (const [name, body] of entries) tar.entry({ name }, body);
  tar.finalize();
  return Readable.from(tar as AsyncIterable<Buffer>);
}

const seen = (entries: ExportEntry[]) => entries.map(({ name, size, body }) => [name, size, body?.toString('utf8') ?? null]);

describe('readExportEntries', () => {
  it('reads kept entries whole, passes the others by with their size only, and answers at the end', async () => {
    const entries: ExportEntry[] = [];
    const answer = await readExportEntries(
      archive([
        ['blobs/sha256/aa', '{"small":true}'],
        ['layer.tar', 'x'.repeat(5000)],
        ['manifest.json', '[]'],
      ]),
      {
        timeoutMs: 5000,
        keep: (name) => name.endsWith('.json') || name.startsWith('blobs/'),
        onEntry: (entry) => void entries.push(entry),
        atEnd: () => 'end',
      },
    );
    expect(answer).toBe('end');
    expect(seen(entries)).toEqual([
      ['blobs/sha256/aa', 14, '{"small":true}'],
      ['layer.tar', 5000, null],
      ['manifest.json', 2, '[]'],
    ]);
  });

  it('stops at the first answer and closes the stream', async () => {
    const stream = archive([
      ['a.json', '1'],
      ['b.json', '2'],
      ['c.json', '3'],
    ]);
    const names: string[] = [];
    const answer = await readExportEntries(stream, {
      timeoutMs: 5000,
      keep: () => true,
      onEntry: ({ name, body }) => (names.push(name), body?.toString() === '2' ? name : undefined),
      atEnd: () => 'end',
    });
    expect(answer).toBe('b.json');
    expect(names).toEqual(['a.json', 'b.json']);
    expect(stream.destroyed).toBe(true);
  });

  it('gives up after the time limit on a stream that never ends, and closes it', async () => {
    const stalled = new PassThrough();
    await expect(
      readExportEntries(stalled, { timeoutMs: 50, keep: () => true, onEntry: () => undefined, atEnd: () => 'end' }),
    ).rejects.toThrow('took too long');
    expect(stalled.destroyed).toBe(true);
  });

  it('rejects on a broken archive, and on an error in the reader', async () => {
    const broken = new PassThrough();
    const reading = readExportEntries(broken, { timeoutMs: 5000, keep: () => true, onEntry: () => undefined, atEnd: () => 'end' });
    broken.destroy(new Error('engine went away'));
    await expect(reading).rejects.toThrow('engine went away');
    await expect(
      readExportEntries(archive([['a.json', 'not json']]), {
        timeoutMs: 5000,
        keep: () => true,
        onEntry: ({ body }) => JSON.parse(body!.toString()),
        atEnd: () => null,
      }),
    ).rejects.toThrow(SyntaxError);
  });
});
