import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '@/lib/dockerfile/lint';
import { file } from '@/lib/dockerfile/testing';

const rules = (text: string) => lintDockerfile(text).filter((finding) => finding.rule.startsWith('multiple-'));

describe('multiple-cmd / multiple-entrypoint / multiple-healthcheck', () => {
  it('flags every CMD and ENTRYPOINT that a later one in the same stage replaces', () => {
    const text = file(
      'FROM node:22',
      'ENTRYPOINT ["a"]',
      'CMD ["x"]',
      'CMD ["y"]',
      'ENTRYPOINT ["b"]',
      'HEALTHCHECK CMD true',
      'HEALTHCHECK NONE',
      'CMD ["z"]',
    );
    expect(rules(text).map(({ rule, line }) => [rule, line])).toEqual([
      ['multiple-entrypoint', 2],
      ['multiple-cmd', 3],
      ['multiple-cmd', 4],
      ['multiple-healthcheck', 6],
    ]);
    expect(rules(text)[1]).toMatchObject({
      severity: 'warning',
      message: 'Only the last CMD in a stage counts: this one is replaced by line 8.',
    });
  });

  it('does not flag one CMD per stage across several stages, nor ONBUILD CMD', () => {
    expect(
      rules(file('FROM node:22 AS build', 'CMD ["npm", "test"]', 'FROM node:22-slim', 'ONBUILD CMD ["x"]', 'CMD ["node", "server.js"]')),
    ).toEqual([]);
  });
});
