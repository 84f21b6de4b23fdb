import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';

describe('last-user-root (hadolint DL3002)', () => {
  it('flags an explicit USER root that is still in force in the built image', () => {
    expect(hits(file('FROM node:22', 'USER node', 'RUN npm ci', 'USER root', 'CMD ["node", "a.js"]'), 'last-user-root')).toEqual([
      expect.objectContaining({ line: 4, severity: 'warning' }),
    ]);
    expect(hits(file('FROM node:22', 'USER 0:0'), 'last-user-root')).toHaveLength(1);
  });

  it('does not flag a switch back, an image without USER, or root in a build stage', () => {
    expect(hits(file('FROM node:22', 'USER root', 'RUN apt-get update', 'USER node'), 'last-user-root')).toEqual([]);
    expect(hits(file('FROM node:22', 'CMD ["node", "a.js"]'), 'last-user-root')).toEqual([]);
    expect(hits(file('FROM node:22 AS build', 'USER root', 'FROM node:22-slim', 'USER node'), 'last-user-root')).toEqual([]);
  });
});
