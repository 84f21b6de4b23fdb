// `docker builder prune`: a preview worked out from /system/df by BuildKit's own rule
// (lib/docker/prune/build-cache-plan.ts), then the engine's /build/prune with the same options, and a
// report that sets the records and bytes it removed beside the preview.
//
// Unlike images, Strata cannot delete build cache record by record (the engine's only lever is the prune
// itself, whose `id` filter takes one value), so the apply re-plans right before it prunes and refuses
// when that plan is no longer the one the person confirmed.
import 'server-only';
import type { DefaultBuilder, PruneRequest, PruneResponse, PruneResult } from '@/lib/api/prune';
import { StrataError } from '@/lib/api/errors';
import { dial, engineTimeoutMs, getConnection } from '@/lib/docker/engine/client';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { builderFacts } from '@/lib/docker/build/builders';
import { mapBuildCache, planBuildCache, type BuildCachePlan, type RawBuildCacheRecord } from '@/lib/docker/prune/build-cache-plan';
import { systemDf } from '@/lib/docker/prune/system-df';

interface EnginePruneAnswer {
  CachesDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** The engine's default builder, as its `/_ping` says (lib/docker/build/builders.ts), the same as the build page's. */
async function defaultBuilder(): Promise<{ builder: DefaultBuilder; apiVersion: string }> {
  const [{ apiVersion }, facts] = await Promise.all([getConnection(), builderFacts()]);
  return { builder: facts.default, apiVersion };
}

async function readRecords(apiVersion: string) {
  // `type=build-cache` (1.42+) spares the engine sizing every image, container and volume.
  const query: Record<string, string | number> = compareApiVersions(apiVersion, '1.42') >= 0 ? { type: 'build-cache', verbose: 1 } : {};
  return mapBuildCache(await systemDf<{ BuildCache?: RawBuildCacheRecord[] | null }>(query));
}

/**
 * The age the engine's `until` gets, in milliseconds (a Go duration both 20.10 and 28 accept: 20.10 takes
 * no dates and neither takes `7d`), or null for none. Zero means no limit to BuildKit, and so does null.
 */
function keepMs(request: PruneRequest, now: number): number | null {
  if (!request.until) return null;
  const ms = now - request.until.getTime();
  return ms > 0 ? ms : null;
}

async function planNow(request: PruneRequest) {
  const { builder, apiVersion } = await defaultBuilder();
  const records = await readRecords(apiVersion);
  const now = Date.now();
  const keep = keepMs(request, now);
  const plan = planBuildCache(records, { all: request.all === true, cutoff: keep === null ? null : new Date(now - keep) }, new Date(now));
  return { builder, plan, keep };
}

function response(request: PruneRequest, builder: DefaultBuilder, plan: BuildCachePlan, dryRun: boolean, result: PruneResult | null) {
  return {
    dryRun,
    target: 'build-cache' as const,
    images: [],
    keep: [],
    buildCache: plan.remove,
    buildCacheKept: plan.keep,
    builder,
    spaceReclaimed: result ? result.spaceReclaimed : plan.bytes,
    bytes: null,
    result,
  } satisfies PruneResponse;
}

export async function previewBuildCache(request: PruneRequest): Promise<PruneResponse> {
  const { builder, plan } = await planNow(request);
  return response(request, builder, plan, true, null);
}

export async function applyBuildCache(request: PruneRequest): Promise<PruneResponse> {
  const { builder, plan, keep } = await planNow(request);
  const planned = plan.remove.map((record) => record.id).sort();
  if (request.expectRecords && planned.join() !== [...request.expectRecords].sort().join()) {
    throw new StrataError(
      'conflict',
      'The build cache changed since the preview (a build ran or finished): what would be removed is no longer what you confirmed. Look at the new preview and confirm again.',
    );
  }
  const answer = await dial<EnginePruneAnswer>({
    path: '/build/prune',
    method: 'POST',
    query: {
      ...(request.all ? { all: 'true' } : {}),
      ...(keep !== null ? { filters: JSON.stringify({ until: [`${keep}ms`] }) } : {}),
    },
    // The engine answers only when every record is gone.
    timeoutMs: engineTimeoutMs() * 12,
  });
  const deleted = answer.CachesDeleted ?? [];
  return response(request, builder, plan, false, compare(plan, deleted, answer.SpaceReclaimed));
}

function compare(plan: BuildCachePlan, deleted: string[], spaceReclaimed: number): PruneResult {
  const differences: string[] = [];
  const predicted = new Set(plan.remove.map((record) => record.id));
  const removed = new Set(deleted);
  for (const record of plan.remove)
    if (!removed.has(record.id))
      differences.push(`${record.id.slice(0, 12)} (${record.description || record.type}) was expected to go but the engine kept it.`);
  for (const id of deleted) if (!predicted.has(id)) differences.push(`${id.slice(0, 12)} was removed although the preview kept it.`);
  if (spaceReclaimed !== plan.bytes)
    differences.push(`The engine reports ${spaceReclaimed} bytes reclaimed; the preview said ${plan.bytes}.`);
  return {
    deletedImages: [],
    deletedRecords: deleted,
    untagged: [],
    spaceReclaimed,
    diskBefore: 0,
    diskAfter: 0,
    matchesPreview: differences.length === 0,
    differences,
  };
}
