import { describe, expect, it } from 'vitest';
import { file, ruleHits } from '@/lib/dockerfile/testing';

const hits = (text: string) => ruleHits(text, 'run-cd');

describe('run-cd', () => {
  it('warns about a RUN that only changes directory: it does nothing', () => {
    expect(hits(file('FROM node:22', 'RUN cd /app', 'RUN npm ci'))).toEqual([
      expect.objectContaining({
        line: 2,
        severity: 'warning',
        message: 'RUN cd /app changes nothing: every RUN starts again in the WORKDIR.',
        fix: 'Replace it with WORKDIR /app.',
      }),
    ]);
  });

  it('suggests WORKDIR, as info, for a RUN that starts by changing into a working directory', () => {
    expect(hits(file('FROM node:22', 'RUN cd /app && npm ci'))).toEqual([
      expect.objectContaining({ line: 2, severity: 'info', fix: 'Put WORKDIR /app above this RUN and drop the cd.' }),
    ]);
  });

  it('does not flag scratch work in /tmp, a cd later in the RUN, or WORKDIR itself', () => {
    expect(
      hits(
        file(
          'FROM node:22',
          'WORKDIR /app',
          'RUN cd /tmp && curl -fsSLO https://x/y.tgz && tar xzf y.tgz && rm y.tgz',
          'RUN make && cd docs && make',
          'RUN cd "$(mktemp -d)" && true',
        ),
      ),
    ).toEqual([]);
  });
});
