import { describe, expect, it } from 'vitest';
import { file, ruleHits } from '@/lib/dockerfile/testing';

const hits = (text: string) => ruleHits(text, 'cache-order');

describe('cache-order', () => {
  it('flags COPY . . before npm ci, on the COPY line, naming the install and the manifests to copy first', () => {
    const findings = hits(file('FROM node:22-alpine', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]'));
    expect(findings).toEqual([
      expect.objectContaining({
        line: 3,
        severity: 'warning',
        message: 'COPY . . comes before npm ci (line 4): any change to any file reruns the install.',
        fix: 'Copy only package.json package-lock.json, run npm ci, and COPY . . after that.',
      }),
    ]);
  });

  it('does not flag the manifest-first order', () => {
    expect(
      hits(
        file(
          'FROM node:22-alpine',
          'WORKDIR /app',
          'COPY package.json package-lock.json ./',
          'RUN npm ci',
          'COPY . .',
          'RUN npm run build',
        ),
      ),
    ).toEqual([]);
  });

  it('knows the other package managers and their manifests', () => {
    const fixFor = (install: string) => hits(file('FROM base:1', 'COPY . /src', `RUN ${install}`))[0]?.fix;
    expect(fixFor('pip install --no-cache-dir -r requirements/prod.txt')).toContain('Copy only requirements/prod.txt,');
    expect(fixFor('python -m pip install -r requirements.txt')).toContain('Copy only requirements.txt,');
    expect(fixFor('go mod download')).toContain('Copy only go.mod go.sum,');
    expect(fixFor('bundle install --jobs 4')).toContain('Copy only Gemfile Gemfile.lock,');
    expect(fixFor('yarn --frozen-lockfile')).toContain('Copy only package.json yarn.lock,');
    expect(fixFor('composer install --no-dev')).toContain('Copy only composer.json composer.lock,');
    expect(fixFor('apt-get update && apt-get install -y libpq5')).toBe(
      'Move the apt-get install RUN above COPY . /src: it does not need your source.',
    );
  });

  it('leaves alone installs of the project itself, builds, and copies from other stages', () => {
    expect(hits(file('FROM python:3.12', 'COPY . .', 'RUN pip install .', 'RUN pip install -e ./lib'))).toEqual([]);
    expect(hits(file('FROM golang:1.23', 'COPY . .', 'RUN go build ./...'))).toEqual([]);
    expect(hits(file('FROM node:22', 'COPY --from=build . .', 'RUN npm ci'))).toEqual([]);
  });
});
