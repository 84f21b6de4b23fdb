import { describe, expect, it } from 'vitest';
import { file, ruleHits } from '@/lib/dockerfile/testing';

const hits = (text: string, rule = 'pid1-no-init') => ruleHits(text, rule);

describe('pid1-no-init', () => {
  it('flags node started directly as the container process, in exec or shell form', () => {
    expect(hits(file('FROM node:22-slim', 'CMD ["node", "server.js"]'))).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', message: expect.stringMatching(/^node runs as PID 1 without an init/) }),
    ]);
    expect(hits(file('FROM python:3.12-slim', 'ENTRYPOINT exec python -m app'))).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('follows the built stage and what it inherits from earlier stages', () => {
    const text = file(
      'FROM node:22 AS base',
      'CMD ["node", "index.js"]',
      'FROM base AS prod',
      'ENV NODE_ENV=production',
      'FROM alpine:3.20 AS tools',
      'CMD ["sh"]',
    );
    expect(hits(text)).toEqual([]);
    expect(hits(text.replace(/\nFROM alpine[\s\S]*$/, ''))).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('is satisfied by tini, dumb-init, an installed init or a note about --init', () => {
    expect(
      hits(file('FROM node:22-alpine', 'RUN apk add --no-cache tini', 'ENTRYPOINT ["/sbin/tini", "--"]', 'CMD ["node", "server.js"]')),
    ).toEqual([]);
    expect(hits(file('FROM node:22', 'CMD ["dumb-init", "node", "server.js"]'))).toEqual([]);
    expect(hits(file('FROM node:22', '# Run with: docker run --init', 'CMD ["node", "server.js"]'))).toEqual([]);
  });

  it('stays quiet when an entrypoint script decides, or the process handles SIGTERM itself (nginx, the JVM)', () => {
    expect(hits(file('FROM node:22', 'COPY entrypoint.sh /', 'ENTRYPOINT ["/entrypoint.sh"]', 'CMD ["node", "server.js"]'))).toEqual([]);
    expect(hits(file('FROM nginx:1.27', 'CMD ["nginx", "-g", "daemon off;"]'))).toEqual([]);
    expect(hits(file('FROM eclipse-temurin:21-jre', 'CMD ["java", "-jar", "/app.jar"]'))).toEqual([]);
  });
});

describe('npm-start', () => {
  it('mentions, as info, that npm start sits between the container and the app', () => {
    expect(hits(file('FROM node:22', 'CMD ["npm", "start"]'), 'npm-start')).toEqual([
      expect.objectContaining({ line: 2, severity: 'info', message: expect.stringContaining('npm start runs your app under npm') }),
    ]);
    expect(hits(file('FROM node:22', 'CMD yarn run serve'), 'npm-start')).toHaveLength(1);
  });

  it('does not mention it for node itself or for npm used at build time', () => {
    expect(hits(file('FROM node:22', 'RUN npm run build', 'CMD ["node", "dist/main.js"]'), 'npm-start')).toEqual([]);
  });
});
