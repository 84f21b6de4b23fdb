// BuildKit's build cache as /system/df lists it, and which records `docker builder prune` removes.
//
// The rule, read from BuildKit's cache manager and checked record by record against the engine's own
// CachesDeleted and SpaceReclaimed (Docker 28.5 / API 1.51 and 20.10 / API 1.41; tests/prune/build-cache.test.ts):
// - a record a build holds right now (InUse) is never removed, `all` or not;
// - without `all`, records that are Shared (their data is also an image's layers) and BuildKit's own
//   `internal` and `frontend` records stay;
// - with `until` (BuildKit's keep-duration), records last used after the cutoff stay; a record never
//   used (LastUsedAt null) does not;
// - a record another record is built on (its Parents) goes only once that child has gone: BuildKit prunes
//   in rounds, each removing the records nothing stands on, until a round removes nothing. So a child
//   that stays keeps its whole chain of parents, even ones that would go on their own;
// - SpaceReclaimed is the sum of the removed records' Size as /system/df listed it, shared data included
//   (an `all` prune of a record an image shares reports its bytes though the image still holds them).
import 'server-only';
import type { BuildCacheKept, BuildCacheRecord } from '@/lib/api/prune';
import { formatRelative } from '@/lib/format';

/** One `BuildCache` item. API 1.41 says `Parent` (a string); from 1.42 a list, whose JSON key Docker 28.5 spells " Parents". */
export interface RawBuildCacheRecord {
  ID: string;
  Parent?: string;
  Parents?: string[] | null;
  ' Parents'?: string[] | null;
  Type?: string;
  Description?: string;
  Size?: number;
  InUse?: boolean;
  Shared?: boolean;
  LastUsedAt?: string | null;
  UsageCount?: number;
}

export function mapBuildCache(raw: { BuildCache?: RawBuildCacheRecord[] | null }): BuildCacheRecord[] {
  return (raw.BuildCache ?? []).map((record) => ({
    id: record.ID,
    type: record.Type ?? 'regular',
    description: record.Description ?? '',
    size: typeof record.Size === 'number' && record.Size > 0 ? record.Size : 0,
    inUse: record.InUse === true,
    shared: record.Shared === true,
    lastUsed: record.LastUsedAt ?? null,
    parents: record.Parents ?? record[' Parents'] ?? (record.Parent ? [record.Parent] : []),
    usageCount: record.UsageCount ?? 0,
  }));
}

export interface BuildCacheOptions {
  /** `docker builder prune --all`. */
  all: boolean;
  /** Records last used after this stay (the engine's `until` filter); null: no age limit. */
  cutoff: Date | null;
}

export interface BuildCachePlan {
  /** In the order the engine removes them: each round's records, children before their parents. */
  remove: BuildCacheRecord[];
  keep: BuildCacheKept[];
  /** What the engine's SpaceReclaimed will say. */
  bytes: number;
  /** How many of BuildKit's rounds the prune takes. */
  rounds: number;
}

const INTERNAL_TYPES = new Set(['internal', 'frontend']);

/** Why a record stays whatever else goes, or null when the prune may take it. */
function ownReason(record: BuildCacheRecord, { all, cutoff }: BuildCacheOptions, now: Date): string | null {
  if (record.inUse) return 'In use by a build running now: no prune removes it.';
  if (!all && record.shared) return 'Shared with an image (its data is that image’s layers): only “all” removes it.';
  if (!all && INTERNAL_TYPES.has(record.type)) return `BuildKit’s own (${record.type}) record: only “all” removes it.`;
  if (cutoff && record.lastUsed && new Date(record.lastUsed).getTime() > cutoff.getTime())
    return `Used ${formatRelative(record.lastUsed, now)}, after the cutoff.`;
  return null;
}

const label = (record: BuildCacheRecord) => record.description || record.id.slice(0, 12);

export function planBuildCache(records: readonly BuildCacheRecord[], options: BuildCacheOptions, now = new Date()): BuildCachePlan {
  const children = new Map<string, string[]>();
  for (const record of records) for (const parent of record.parents) children.set(parent, [...(children.get(parent) ?? []), record.id]);
  const reasons = new Map(records.map((record) => [record.id, ownReason(record, options, now)]));
  const gone = new Set<string>();
  const remove: BuildCacheRecord[] = [];
  let rounds = 0;
  for (;;) {
    const round = records.filter(
      (record) =>
        !gone.has(record.id) && reasons.get(record.id) === null && (children.get(record.id) ?? []).every((child) => gone.has(child)),
    );
    if (round.length === 0) break;
    rounds += 1;
    for (const record of round) gone.add(record.id);
    remove.push(...round);
  }
  const byId = new Map(records.map((record) => [record.id, record]));
  const keep = records
    .filter((record) => !gone.has(record.id))
    .map((record) => {
      const own = reasons.get(record.id);
      if (own) return { record, reason: own };
      const staying = (children.get(record.id) ?? []).filter((child) => !gone.has(child)).map((child) => byId.get(child)!);
      return {
        record,
        reason: `Built on by ${staying.map(label).join(', ')}, which stays: BuildKit removes a record only after the records built on it.`,
      };
    });
  return { remove, keep, bytes: remove.reduce((sum, record) => sum + record.size, 0), rounds };
}
