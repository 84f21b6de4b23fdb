import { describe, expect, it } from 'vitest';
import { readNdjson, splitLines } from '@/lib/api/read-ndjson';

/** A body that arrives in the given chunks, as a network delivers it (lines cut anywhere). */
function chunked(chunks: string[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('splitLines', () => {
  it('keeps the unfinished tail for the next chunk and drops blank lines', () => {
    expect(splitLines('{"a":1}\n\n{"b":2}\n{"c"')).toEqual({ lines: ['{"a":1}', '{"b":2}'], rest: '{"c"' });
    expect(splitLines('{"a":1}\n')).toEqual({ lines: ['{"a":1}'], rest: '' });
    expect(splitLines('')).toEqual({ lines: [], rest: '' });
  });
});

describe('readNdjson', () => {
  it('parses lines split across chunks, one batch per chunk that completes a line', async () => {
    const batches: unknown[][] = [];
    await readNdjson(chunked(['{"kind":"a","n":1}\n{"ki', 'nd":"b"', ',"n":2}\n{"kind":"c","n":3}\n']), (lines) => batches.push(lines));
    // The middle chunk completes no line, so it is no batch (no render).
    expect(batches).toEqual([
      [{ kind: 'a', n: 1 }],
      [
        { kind: 'b', n: 2 },
        { kind: 'c', n: 3 },
      ],
    ]);
  });

  it('reads a last line that has no newline', async () => {
    const lines: unknown[] = [];
    await readNdjson(chunked(['{"kind":"a"}\n{"kind":"b"}']), (batch) => lines.push(...batch));
    expect(lines).toEqual([{ kind: 'a' }, { kind: 'b' }]);
  });

  it('keeps a multi-byte character cut between chunks whole', async () => {
    const bytes = new TextEncoder().encode('{"line":"größe"}\n');
    const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 12)); // between the two bytes of "ö"
        controller.enqueue(bytes.slice(12));
        controller.close();
      },
    });
    const lines: unknown[] = [];
    await readNdjson(body, (batch) => lines.push(...batch));
    expect(lines).toEqual([{ line: 'größe' }]);
  });
});
