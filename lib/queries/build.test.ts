import { describe, expect, it } from 'vitest';
import type { BuildEvent, BuildStep } from '@/lib/api/build';
import { applyBuildEvent, buildError, initialBuildData } from '@/lib/queries/build';
import { connectionLost, errorFromAnswer, errorFromEvent } from '@/lib/queries/ndjson-stream';

const step = (number: number, status: BuildStep['status']) => ({ number, status }) as BuildStep;

describe('applyBuildEvent', () => {
  it('updates a step in place and keeps its output per step', () => {
    const events: BuildEvent[] = [
      { kind: 'step', step: step(1, 'running') },
      { kind: 'output', step: 1, line: 'hello' },
      { kind: 'step', step: step(1, 'built') },
      { kind: 'error', step: 2, message: 'exit code 1' },
    ];
    const data = events.reduce(applyBuildEvent, initialBuildData);
    expect(data.steps).toEqual([step(1, 'built')]);
    expect(data.output).toEqual({ 1: ['hello'] });
    expect(data.failedStep).toBe(2);
  });
});

describe('buildError', () => {
  const line = errorFromEvent({ kind: 'error', message: 'exit code 1' } as BuildEvent);

  it('names the failed step of an error line', () => {
    expect(buildError(line, 2)).toMatchObject({ step: 2, message: 'exit code 1', code: 'internal' });
  });

  it('names no step for an error answer or a lost connection', () => {
    expect(buildError(errorFromAnswer(400, { error: { code: 'invalid_input', message: 'The Dockerfile is empty.' } }), 2)).toMatchObject({
      step: null,
      code: 'invalid_input',
    });
    expect(buildError(connectionLost('lost'), 2)?.step).toBeNull();
    expect(buildError(null, 2)).toBeNull();
  });
});
