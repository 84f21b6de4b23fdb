import { describe, expect, it } from 'vitest';
import type { BuildStep } from '@/lib/api/build';
import { cacheBreak, changedFiles, copySources, firstMissReason, type BuildRecord } from './cache-report';

const step = (number: number, instruction: string, status: BuildStep['status']): BuildStep => ({
  number,
  total: 4,
  stage: null,
  instruction,
  status,
  durationMs: 1,
  endedAt: null,
  imageId: null,
  layerSize: null,
  emptyLayer: null,
  output: [],
  cacheReason: null,
});

const record = (instructions: string[], files: Record<string, string> = {}, buildArgs: Record<string, string> = {}): BuildRecord => ({
  steps: instructions.map((instruction) => ({ instruction })),
  files,
  buildArgs,
});

const INSTRUCTIONS = ['FROM base:1', 'COPY package.json /app/', 'COPY src/ /app/src/', 'RUN make'];

describe('cacheBreak', () => {
  it('is null when every step came from the cache', () => {
    const steps = [step(1, 'FROM base:1', 'base'), step(2, 'COPY package.json /app/', 'cached')];
    expect(cacheBreak(steps, record([]), null, false)).toBeNull();
  });

  it('names the first miss, the copied file that changed, and the steps rebuilt after it', () => {
    const steps = [
      step(1, INSTRUCTIONS[0]!, 'base'),
      step(2, INSTRUCTIONS[1]!, 'cached'),
      step(3, INSTRUCTIONS[2]!, 'built'),
      step(4, INSTRUCTIONS[3]!, 'built'),
    ];
    const before = record(INSTRUCTIONS, { 'package.json': 'a', 'src/main.c': 'b', 'README.md': 'c' });
    const now = record(INSTRUCTIONS, { 'package.json': 'a', 'src/main.c': 'B', 'README.md': 'C' });
    expect(cacheBreak(steps, now, before, false)).toEqual({
      step: 3,
      instruction: 'COPY src/ /app/src/',
      reason: 'A copied file changed: src/main.c.',
      rebuilt: [4],
    });
  });

  it('says when the instruction changed, a step is new, no-cache was asked, or there is nothing to compare with', () => {
    const changed = step(4, 'RUN make all', 'built');
    expect(firstMissReason(changed, record([]), record(INSTRUCTIONS), false)).toBe('The instruction changed: it was “RUN make”.');
    expect(firstMissReason(step(5, 'RUN make test', 'built'), record([]), record(INSTRUCTIONS), false)).toMatch(/new/);
    expect(firstMissReason(changed, record([]), record(INSTRUCTIONS), true)).toMatch(/No cache was asked for/);
    expect(firstMissReason(changed, record([]), null, false)).toMatch(/no earlier build/);
  });

  it('blames a changed build argument for a RUN that is otherwise the same', () => {
    const run = step(4, 'RUN make', 'built');
    expect(firstMissReason(run, record(INSTRUCTIONS, {}, { VERSION: '2' }), record(INSTRUCTIONS, {}, { VERSION: '1' }), false)).toMatch(
      /build argument changed \(VERSION\)/,
    );
    expect(firstMissReason(run, record(INSTRUCTIONS), record(INSTRUCTIONS), false)).toMatch(/cache was pruned/);
  });
});

describe('copySources', () => {
  it('reads shell and JSON forms, skips flags, and ignores stage copies', () => {
    expect(copySources('COPY --chown=app:app a.txt b/ /dest/')).toEqual(['a.txt', 'b/']);
    expect(copySources('COPY ["with space.txt", "/dest/"]')).toEqual(['with space.txt']);
    expect(copySources('COPY --from=builder /out /app')).toEqual([]);
  });
});

describe('changedFiles', () => {
  it('lists changed, added and removed files', () => {
    expect(changedFiles({ a: '1', b: '2', c: '3' }, { a: '1', b: 'x', d: '4' })).toEqual(['b', 'c', 'd']);
  });
});
