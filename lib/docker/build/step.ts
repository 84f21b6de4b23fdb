// A build step as both readers (classic output, BuildKit trace) make and send it.
import type { BuildStep } from '@/lib/api/build';

export function newStep(number: number, total: number, stage: string | null, instruction: string, status: BuildStep['status']): BuildStep {
  return {
    number,
    total,
    stage: stage || null,
    instruction,
    status,
    durationMs: null,
    endedAt: null,
    imageId: null,
    layerSize: null,
    emptyLayer: null,
    output: [],
    cacheReason: null,
  };
}

/** Step events carry no output: it travels line by line in `output` events, once. */
export function copyStep(step: BuildStep): BuildStep {
  return { ...step, output: [] };
}
