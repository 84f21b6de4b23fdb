import { describe, expect, it } from 'vitest';
import { buildModel, substituteArgs } from '@/lib/dockerfile/model';
import { file } from '@/lib/dockerfile/testing';

const MULTI = file(
  'ARG NODE=22.11',
  'ARG REGISTRY',
  'FROM node:${NODE}-alpine AS Deps',
  'RUN npm ci',
  'FROM deps AS build',
  'RUN npm run build',
  'FROM ${REGISTRY}/nginx:1.27 AS web',
  'FROM build AS final',
  'CMD ["node", "dist/server.js"]',
);

describe('buildModel', () => {
  it('splits stages, lower-cases their names and links a FROM that names an earlier stage', () => {
    const { stages, preamble, globalArgs } = buildModel(MULTI);
    expect(preamble.map((instruction) => instruction.keyword)).toEqual(['ARG', 'ARG']);
    expect([...globalArgs]).toEqual([
      ['NODE', '22.11'],
      ['REGISTRY', undefined],
    ]);
    expect(stages.map(({ name, resolvedImage, baseStage }) => ({ name, resolvedImage, baseStage }))).toEqual([
      { name: 'deps', resolvedImage: 'node:22.11-alpine', baseStage: null },
      { name: 'build', resolvedImage: 'deps', baseStage: 0 },
      { name: 'web', resolvedImage: null, baseStage: null },
      { name: 'final', resolvedImage: 'build', baseStage: 1 },
    ]);
    expect(stages[0]!.instructions.map((instruction) => instruction.line)).toEqual([4]);
  });

  it('ships the last stage and every stage it builds on, not the side stages', () => {
    const { stages, built } = buildModel(MULTI);
    expect(stages.map((stage) => stage.shipped)).toEqual([true, true, false, true]);
    expect(built.map((stage) => stage.name)).toEqual(['final', 'build', 'deps']);
  });

  it('ships the --target stage instead when one is given, and falls back to the last for an unknown one', () => {
    expect(buildModel(MULTI, { target: 'WEB' }).stages.map((stage) => stage.shipped)).toEqual([false, false, true, false]);
    expect(buildModel(MULTI, { target: 'nope' }).built[0]!.name).toBe('final');
  });
});

describe('substituteArgs', () => {
  const args = new Map<string, string | undefined>([
    ['V', '3.12'],
    ['EMPTY', undefined],
  ]);
  it('replaces $X, ${X} and ${X:-default}, and gives null when a value is only known at build time', () => {
    expect(substituteArgs('python:$V-slim', args)).toBe('python:3.12-slim');
    expect(substituteArgs('python:${V}', args)).toBe('python:3.12');
    expect(substituteArgs('python:${EMPTY:-3.11}', args)).toBe('python:3.11');
    expect(substituteArgs('python:${EMPTY}', args)).toBeNull();
    expect(substituteArgs('python:${UNDECLARED}', args)).toBeNull();
  });
});
