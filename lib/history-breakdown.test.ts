import { describe, expect, it } from 'vitest';
import type { HistoryResponse, HistoryStep } from '@/lib/api/history';
import { computeBreakdown, historyMarkdown, imageTitle } from '@/lib/history-breakdown';
import { redactCommand } from '@/lib/secrets';

let index = 0;
const step = (instruction: string, createdBy: string, size: number, layerIndex: number | null, fromBase = false): HistoryStep => ({
  index: index++,
  instruction,
  createdBy,
  created: '2026-11-29T12:00:00.000Z',
  size,
  emptyLayer: layerIndex === null,
  diffId: layerIndex === null ? null : `sha256:${String(layerIndex).repeat(64)}`,
  layerIndex,
  imageId: null,
  tags: [],
  comment: '',
  sharedWith: [],
  fromBase,
});

const history: HistoryResponse = {
  image: {
    id: 'sha256:' + 'f'.repeat(64),
    shortId: 'ffffffffffff',
    repoTags: ['team/app:2'],
    created: '2026-11-29T12:00:00.000Z',
    size: 1_050_022,
    unpackedSize: null,
    architecture: 'amd64',
    os: 'linux',
  },
  steps: [
    step('IMPORT', 'IMPORT rootfs', 1_000_000, 0, true),
    step('ENV', 'ENV DB_PASSWORD=hunter2 MODE=demo', 0, null),
    step('COPY', 'COPY a|b /x', 22, 1),
    step('RUN', 'RUN mkdir /data', 0, 2),
    step('RUN', 'RUN make', 50_000, 3),
  ],
  base: {
    id: 'sha256:' + 'b'.repeat(64),
    shortId: 'bbbbbbbbbbbb',
    repoTags: ['team/base:1'],
    layerCount: 1,
    size: 1_000_000,
    stepCount: 1,
  },
  related: {},
  mapping: 'history',
};

describe('computeBreakdown', () => {
  it('adds layer sizes up to the image size and splits base from own', () => {
    const breakdown = computeBreakdown(history);
    expect(breakdown.total).toBe(history.image.size);
    expect(breakdown.baseBytes).toBe(1_000_000);
    expect(breakdown.ownBytes).toBe(50_022);
    expect(breakdown.layers.map((layer) => layer.position)).toEqual([1, 2, 3, 4]);
    expect(breakdown.top.map((layer) => layer.position)).toEqual([1, 4, 2]);
  });
});

describe('historyMarkdown', () => {
  const markdown = historyMarkdown(history, 'http://localhost:3000/images/fff#breakdown');

  it('is a table with one row per step and the base named', () => {
    expect(markdown).toContain('### team/app:2: layer history');
    expect(markdown).toContain('built FROM team/base:1 (1 layer, 1MB)');
    expect(markdown.split('\n').filter((line) => line.startsWith('| ') && /^\| \d/.test(line))).toHaveLength(5);
    expect(markdown).toContain('| 4 | RUN | 0B | 3 | `RUN mkdir /data` |');
    expect(markdown).toContain('| 2 | ENV | 0B | none (metadata only) |');
    expect(markdown).toContain('[Open in Strata](http://localhost:3000/images/fff#breakdown)');
  });

  it('never exports a secret and keeps the table intact', () => {
    expect(markdown).not.toContain('hunter2');
    expect(markdown).toContain('DB_PASSWORD=••••••');
    expect(markdown).toContain('COPY a\\|b /x');
  });

  it('names an untagged image by its short ID', () => {
    expect(imageTitle({ ...history.image, repoTags: [] })).toBe('ffffffffffff');
  });
});

describe('redactCommand', () => {
  it('masks values of secret-looking names anywhere in a command', () => {
    expect(redactCommand('RUN export GITHUB_TOKEN=abc && curl -u x')).toBe('RUN export GITHUB_TOKEN=•••••• && curl -u x');
    expect(redactCommand('ENV API_KEY="a b" HOME=/root')).toBe('ENV API_KEY=•••••• HOME=/root');
    expect(redactCommand('RUN make VERSION=1')).toBe('RUN make VERSION=1');
  });
});
