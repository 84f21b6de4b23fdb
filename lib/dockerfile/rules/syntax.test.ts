import { describe, expect, it } from 'vitest';
import { file, ruleHits as hits } from '@/lib/dockerfile/testing';

describe('unknown-instruction', () => {
  it('flags a misspelt instruction with a suggestion, and a lost continuation with the escape to add', () => {
    expect(hits(file('FROM node:22', 'COPPY . .'), 'unknown-instruction')).toEqual([
      expect.objectContaining({ line: 2, severity: 'error', fix: 'Did you mean COPY?' }),
    ]);
    expect(hits(file('FROM debian:12', 'RUN apt-get update &&', '  apt-get install -y curl'), 'unknown-instruction')).toEqual([
      expect.objectContaining({
        line: 3,
        message: 'APT-GET is not a Dockerfile instruction: the build stops here.',
        fix: 'If this line continues the one above, end that line with \\.',
      }),
    ]);
  });

  it('accepts every instruction Docker knows, in any case', () => {
    const text = file(
      'ARG V=1',
      'from alpine:3.20',
      'Run true',
      'LABEL a=b',
      'EXPOSE 80',
      'ENV A=1',
      'COPY a /a',
      'VOLUME /data',
      'USER app',
      'WORKDIR /app',
      'ONBUILD RUN true',
      'STOPSIGNAL SIGTERM',
      'HEALTHCHECK NONE',
      'SHELL ["/bin/sh", "-c"]',
      'MAINTAINER x',
    );
    expect(hits(text, 'unknown-instruction')).toEqual([]);
  });
});

describe('missing-from', () => {
  it('flags instructions before the first FROM, and a file with no FROM at all', () => {
    expect(hits(file('ARG V=1', 'RUN echo early', 'FROM alpine:3.20'), 'missing-from')).toEqual([
      expect.objectContaining({ line: 2, severity: 'error' }),
    ]);
    expect(hits(file('# just a comment', 'RUN echo'), 'missing-from')).toEqual([
      expect.objectContaining({ line: 2, message: 'There is no FROM: every build starts from a base image.' }),
    ]);
  });

  it('does not flag ARG before FROM, or an empty file', () => {
    expect(hits(file('ARG BASE=alpine:3.20', 'FROM ${BASE}'), 'missing-from')).toEqual([]);
    expect(hits('', 'missing-from')).toEqual([]);
  });
});
