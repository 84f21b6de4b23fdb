// Test support: a PlanImage with defaults, for the prune and retention unit tests.
import type { PlanImage } from '@/lib/docker/prune/plan';

export const planImage = (id: string, over: Partial<PlanImage> = {}): PlanImage => ({
  id,
  shortId: id,
  repoTags: [],
  size: 100,
  created: '2026-11-01T00:00:00.000Z',
  labels: {},
  containers: [],
  parentId: null,
  layers: [],
  diffIds: [],
  formerTags: [],
  danglingRecord: (over.repoTags ?? []).length === 0,
  recordTime: over.created ?? '2026-11-01T00:00:00.000Z',
  unpacked: null,
  manifestSize: null,
  blobs: null,
  ...over,
});
