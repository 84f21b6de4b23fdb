import { describe, expect, it } from 'vitest';
import { splitTag } from '@/lib/dockerfile/rules/base-image';
import { file, ruleHits } from '@/lib/dockerfile/testing';

const hits = (text: string) => ruleHits(text, 'unpinned-base');

describe('unpinned-base', () => {
  it('flags a base without a tag, and one tagged latest or another moving name', () => {
    expect(hits(file('FROM node', 'FROM python:latest AS tools', 'FROM node:lts-alpine AS lts'))).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'warning',
        message: 'node has no tag, so it means :latest and changes under you: pin versions for anything beyond dev.',
      }),
      expect.objectContaining({ line: 2, message: expect.stringContaining('python:latest moves to each new upstream release') }),
      expect.objectContaining({ line: 3 }),
    ]);
  });

  it('flags an ARG-substituted base whose default is unpinned, and reads a registry port as no tag', () => {
    expect(hits(file('ARG BASE=node', 'FROM ${BASE}'))).toEqual([
      expect.objectContaining({ message: expect.stringContaining('${BASE} (node by default)') }),
    ]);
    expect(hits(file('FROM localhost:5000/team/app'))).toHaveLength(1);
  });

  it('does not flag versions, digests, scratch, earlier stages or an ARG given only at build time', () => {
    const text = file(
      'ARG PY=3.12',
      'ARG BASE',
      'FROM node:22.11-alpine AS build',
      'FROM python:${PY}-slim',
      'FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000',
      'FROM scratch',
      'FROM BUILD AS again',
      'FROM ${BASE}',
      'FROM localhost:5000/team/app:1.4',
      'FROM debian:bookworm-slim',
      'FROM node:lts-alpine3.20',
    );
    expect(hits(text)).toEqual([]);
  });
});

describe('splitTag', () => {
  it('separates the tag from the name, not a registry port', () => {
    expect(splitTag('registry:5000/team/app:1.2')).toEqual({ name: 'registry:5000/team/app', tag: '1.2' });
    expect(splitTag('registry:5000/team/app')).toEqual({ name: 'registry:5000/team/app', tag: null });
  });
});
