import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '@/lib/api/build';
import { decodeStatus } from '@/lib/docker/build/buildkit/status-proto';
import { planSteps, stepName } from '@/lib/docker/build/buildkit/step-plan';
import { BuildKitTraceReader } from '@/lib/docker/build/buildkit/trace-reader';

const FIRST = `FROM strata-fixture/base:1 AS base
RUN echo hello > /hello.txt
FROM base AS unused
RUN echo never
FROM base
ARG GREETING=hi
COPY app.txt /app/
RUN echo "$GREETING" && cat /app/app.txt > /out.txt
LABEL x=y
`;
const SECOND = FIRST.replace('AS base\n', 'AS base\nWORKDIR /work\n').replace('ARG GREETING=hi\n', 'ARG GREETING=hi\nENV X=1\n');
const FAILING = 'FROM strata-fixture/base:1\nRUN echo out; echo err >&2; exit 3\n';

/** Replays a recorded `POST /build?version=2` answer through the reader, as the builder does. */
function replay(api: string, name: string, dockerfile: string) {
  const reader = new BuildKitTraceReader(planSteps(dockerfile));
  const events: BuildEvent[] = reader.start();
  const file = path.join(__dirname, '../../__fixtures__', api, 'buildkit', `${name}.ndjson`);
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const raw = JSON.parse(line) as { id?: string; aux?: unknown; errorDetail?: { message: string } };
    if (raw.id === 'moby.buildkit.trace') events.push(...reader.push(decodeStatus(raw.aux as string)));
    else if (raw.id === 'moby.image.id') reader.finalId = (raw.aux as { ID: string }).ID;
    else if (raw.errorDetail) events.push(...reader.fail(raw.errorDetail.message));
  }
  events.push(...reader.finish());
  return { reader, events };
}

const summary = (reader: BuildKitTraceReader) =>
  reader.steps.map((step) => `${step.number} ${step.stage ?? '-'} ${step.status} ${step.instruction}`);

describe('planSteps', () => {
  it('counts steps the way BuildKit does: FROM an image is a step, FROM a stage and config instructions are not', () => {
    expect(planSteps(SECOND).map((step) => `${step.stage} ${step.index} ${step.instruction}`)).toEqual([
      'base 1 FROM strata-fixture/base:1 AS base',
      'base 2 WORKDIR /work',
      'base 3 RUN echo hello > /hello.txt',
      'unused 1 RUN echo never',
      'stage-2 1 COPY app.txt /app/',
      'stage-2 2 RUN echo "$GREETING" && cat /app/app.txt > /out.txt',
    ]);
    expect(planSteps(FAILING).map((step) => step.stage)).toEqual(['', '']);
  });

  it('reads vertex names with a stage, without one, padded, and with a platform', () => {
    expect(stepName('[base 2/3] WORKDIR /work')).toEqual({ stage: 'base', index: 2, total: 3, instruction: 'WORKDIR /work' });
    expect(stepName('[2/2] RUN exit 3')).toMatchObject({ stage: '', index: 2 });
    expect(stepName('[stage-2  3/12] RUN x')).toMatchObject({ stage: 'stage-2', index: 3, total: 12 });
    expect(stepName('[linux/arm64 build 1/4] FROM x')).toMatchObject({ stage: 'build', index: 1 });
    expect(stepName('[internal] load remote build context')).toBeNull();
    expect(stepName('exporting to image')).toBeNull();
  });
});

describe('BuildKitTraceReader on recorded traces', () => {
  it('a first build: every step built in Dockerfile order, the unused stage skipped, the RUN’s output kept', () => {
    const { reader, events } = replay('api-1.51', 'multi-stage-first', FIRST);
    expect(summary(reader)).toEqual([
      '1 base base FROM docker.io/strata-fixture/base:1@sha256:35f2d848d13ff6149119889ffce340857e0504f763090b358844b4fbd632942a',
      '2 base built RUN echo hello > /hello.txt',
      '3 unused skipped RUN echo never',
      '4 stage-2 built COPY app.txt /app/',
      '5 stage-2 built RUN echo "hi" && cat /app/app.txt > /out.txt',
    ]);
    expect(reader.steps[4]?.output).toEqual(['hi']);
    expect(reader.steps[1]?.durationMs).toBe(1662);
    expect(reader.finalId).toBe('sha256:fb926f006cb620bfe4ef1c9f789d32ab3141085823e14366e086843ee41987c3');
    expect([...reader.internal.values()].map((step) => step.name)).toEqual([
      '[internal] load remote build context',
      'copy /context /',
      '[internal] load metadata for docker.io/strata-fixture/base:1',
      'exporting to image',
    ]);
    expect(events.filter((event) => event.kind === 'output')).toEqual([{ kind: 'output', step: 5, line: 'hi' }]);
  });

  it('a rebuild: every step from the cache', () => {
    const { reader } = replay('api-1.51', 'multi-stage-cached', SECOND);
    expect(reader.steps.map((step) => step.status)).toEqual(['base', 'cached', 'cached', 'skipped', 'cached', 'cached']);
  });

  it('a changed build argument: only the RUN that reads it is built again', () => {
    const { reader } = replay('api-1.51', 'multi-stage-arg-changed', SECOND);
    expect(reader.steps.map((step) => step.status)).toEqual(['base', 'cached', 'cached', 'skipped', 'cached', 'built']);
    expect(reader.steps[5]?.instruction).toBe('RUN echo "yo" && cat /app/app.txt > /out.txt');
  });

  it('a failing RUN: failed, with what it printed on both streams, and the engine’s message', () => {
    const { reader, events } = replay('api-1.51', 'failing-run', FAILING);
    expect(reader.steps.map((step) => step.status)).toEqual(['base', 'failed']);
    expect(reader.steps[1]?.output.sort()).toEqual(['err', 'out']);
    expect(reader.failure).toMatch(/did not complete successfully: exit code: 3/);
    expect(events.at(-1)).toMatchObject({ kind: 'error', code: 'upstream_failed', step: 2 });
  });

  it('reads the classic engine’s BuildKit (dockerd 20.10) the same way', () => {
    const { reader } = replay('api-1.41', 'multi-stage-first', FIRST);
    expect(reader.steps.map((step) => step.status)).toEqual(['base', 'built', 'skipped', 'built', 'built']);
  });
});
