import { describe, expect, it } from 'vitest';
import { dockerfileFindingSchema, dockerfileRuleIds } from '@/lib/api/dockerfile';
import { lintDockerfile } from '@/lib/dockerfile/lint';
import { file } from '@/lib/dockerfile/testing';

// What the advisor should be quiet about: the shapes people are told to copy.
const NODE_MULTI_STAGE = file(
  '# syntax=docker/dockerfile:1',
  'ARG NODE_VERSION=22.11.0',
  'FROM node:${NODE_VERSION}-alpine AS deps',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev',
  '',
  'FROM node:${NODE_VERSION}-alpine AS build',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  'COPY . .',
  'RUN npm run build',
  '',
  'FROM node:${NODE_VERSION}-alpine',
  'RUN apk add --no-cache tini',
  'WORKDIR /app',
  'ENV NODE_ENV=production',
  'COPY --from=deps /app/node_modules ./node_modules',
  'COPY --from=build /app/dist ./dist',
  'USER node',
  'EXPOSE 3000',
  'ENTRYPOINT ["/sbin/tini", "--"]',
  'CMD ["node", "dist/server.js"]',
);

const DEBIAN_SERVICE = file(
  'FROM debian:bookworm-slim',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'RUN apt-get update \\',
  '    && apt-get install -y --no-install-recommends ca-certificates curl nginx \\',
  '    && rm -rf /var/lib/apt/lists/*',
  'RUN set -eux; \\',
  '    curl -fsSLo /tmp/site.tgz https://example.com/site.tgz; \\',
  '    mkdir -p /srv/site && tar -xzf /tmp/site.tgz -C /srv/site; \\',
  '    rm /tmp/site.tgz',
  'RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log',
  'COPY nginx.conf /etc/nginx/nginx.conf',
  'STOPSIGNAL SIGQUIT',
  'CMD ["nginx", "-g", "daemon off;"]',
);

const PYTHON_HEREDOC = file(
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN <<EOF',
  'set -e',
  'pip install --no-cache-dir -r requirements.txt',
  'EOF',
  'COPY . .',
  'ENTRYPOINT ["tini", "--"]',
  'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]',
);

describe('lintDockerfile', () => {
  it('finds nothing in Dockerfiles that follow the usual advice', () => {
    expect(lintDockerfile(NODE_MULTI_STAGE)).toEqual([]);
    expect(lintDockerfile(DEBIAN_SERVICE)).toEqual([]);
    expect(lintDockerfile(PYTHON_HEREDOC)).toEqual([]);
  });

  it('returns findings sorted by line, each with the five fields the API promises', () => {
    const findings = lintDockerfile(
      file('FROM node', 'RUN cd /app', 'COPY . .', 'RUN apt-get update', 'RUN apt-get install -y curl', 'RUN npm install', 'CMD npm start'),
    );
    expect(findings.map((finding) => finding.line)).toEqual([...findings.map((finding) => finding.line)].sort((a, b) => a - b));
    expect(new Set(findings.map((finding) => finding.rule))).toEqual(
      new Set(['unpinned-base', 'run-cd', 'cache-order', 'apt-update-separate', 'pid1-no-init', 'npm-start']),
    );
    for (const finding of findings) expect(dockerfileFindingSchema.parse(finding)).toEqual(finding);
  });

  it('puts the more severe finding first on a shared line', () => {
    const mixed = lintDockerfile(file('FROM python:3.12', 'CMD python app.py'));
    expect(mixed.map((finding) => finding.severity)).toEqual(['warning', 'info']);
  });

  it('never throws on half-typed or hostile input', () => {
    const inputs = [
      '',
      '\\',
      'FROM',
      'RUN <<',
      'COPY [',
      'CMD ["a", 1]',
      'RUN "unterminated',
      'RUN $(((',
      'FROM a AS',
      'ARG',
      'RUN cd',
      'FROM ${',
      '# escape=`\nRUN a `',
    ];
    for (const input of inputs) expect(() => lintDockerfile(input)).not.toThrow();
    expect(() => lintDockerfile('RUN echo x \\\n'.repeat(5000))).not.toThrow();
  });

  it('only ever reports rules the API lists', () => {
    const findings = lintDockerfile(
      file(
        'FROMM x',
        'RUN a',
        'FROM node',
        'ADD a b',
        'ADD https://x/y /y',
        'USER root',
        'RUN curl x | sh',
        'CMD a',
        'CMD b',
        'ENTRYPOINT c',
        'ENTRYPOINT d',
        'HEALTHCHECK NONE',
        'HEALTHCHECK NONE',
      ),
    );
    for (const finding of findings) expect(dockerfileRuleIds).toContain(finding.rule);
  });

  it('judges the --target stage as the one that ships', () => {
    const text = file(
      'FROM debian:12 AS dev',
      'RUN apt-get update && apt-get install -y gdb',
      'FROM debian:12-slim AS prod',
      'CMD ["true"]',
    );
    expect(lintDockerfile(text).map((finding) => finding.rule)).toEqual([]);
    expect(lintDockerfile(text, { target: 'dev' }).map((finding) => finding.rule)).toEqual(['apt-lists-kept']);
  });
});
