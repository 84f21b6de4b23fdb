// `docker system df`, in both of the engine's shapes: the legacy lists (up to API 1.52) and the
// per-type summaries that replace them from 1.53 (ImagesUsage …, moby's Go types say ImageUsage).
import 'server-only';
import type { DiskUsage, DiskUsageCategory } from '@/lib/api/prune';
import { listTimeoutMs } from '@/lib/docker/engine/client';
import { systemDf } from '@/lib/docker/prune/system-df';
import { planFor } from '@/lib/docker/prune/current-plan';
import { mapBuildCache, type RawBuildCacheRecord } from '@/lib/docker/prune/build-cache-plan';

interface RawUsage {
  ActiveCount?: number;
  TotalCount?: number;
  TotalSize?: number;
  Reclaimable?: number;
}

export interface RawDf {
  LayersSize?: number;
  Images?: { Containers?: number; Size?: number; SharedSize?: number }[] | null;
  Containers?: { SizeRw?: number; State?: string }[] | null;
  Volumes?: { UsageData?: { Size?: number; RefCount?: number } | null }[] | null;
  BuildCache?: RawBuildCacheRecord[] | null;
  ImagesUsage?: RawUsage;
  ImageUsage?: RawUsage;
  ContainersUsage?: RawUsage;
  ContainerUsage?: RawUsage;
  VolumesUsage?: RawUsage;
  VolumeUsage?: RawUsage;
  BuildCacheUsage?: RawUsage;
}

const positive = (value: number | undefined) => (typeof value === 'number' && value > 0 ? value : 0);

function fromUsage(usage: RawUsage | undefined): DiskUsageCategory | null {
  if (!usage) return null;
  return {
    count: usage.TotalCount ?? 0,
    size: positive(usage.TotalSize),
    reclaimable: positive(usage.Reclaimable),
    active: usage.ActiveCount ?? 0,
  };
}

/**
 * Maps either shape. `imagesReclaimable` is Strata's own figure (the exact bytes `prune -a` would free),
 * used where the engine gives none; older engines' lists do not say it.
 */
export function mapDiskUsage(raw: RawDf, imagesReclaimable: number): DiskUsage {
  const records = mapBuildCache(raw);
  const images = raw.Images ?? [];
  const containers = raw.Containers ?? [];
  const volumes = raw.Volumes ?? [];
  return {
    images: fromUsage(raw.ImagesUsage ?? raw.ImageUsage) ?? {
      count: images.length,
      size: positive(raw.LayersSize),
      reclaimable: imagesReclaimable,
      active: images.filter((image) => (image.Containers ?? 0) > 0).length,
    },
    containers: fromUsage(raw.ContainersUsage ?? raw.ContainerUsage) ?? {
      count: containers.length,
      size: containers.reduce((sum, container) => sum + positive(container.SizeRw), 0),
      reclaimable: containers
        .filter((container) => container.State !== 'running')
        .reduce((sum, container) => sum + positive(container.SizeRw), 0),
      active: containers.filter((container) => container.State === 'running').length,
    },
    volumes: fromUsage(raw.VolumesUsage ?? raw.VolumeUsage) ?? {
      count: volumes.length,
      size: volumes.reduce((sum, volume) => sum + positive(volume.UsageData?.Size), 0),
      reclaimable: volumes
        .filter((volume) => volume.UsageData?.RefCount === 0)
        .reduce((sum, volume) => sum + positive(volume.UsageData?.Size), 0),
      active: volumes.filter((volume) => (volume.UsageData?.RefCount ?? 0) > 0).length,
    },
    buildCache: fromUsage(raw.BuildCacheUsage) ?? {
      count: records.length,
      size: records.reduce((sum, record) => sum + record.size, 0),
      reclaimable: records.filter((record) => !record.inUse).reduce((sum, record) => sum + record.size, 0),
      active: records.filter((record) => record.inUse).length,
    },
    buildCacheRecords: records,
  };
}

/** The engine's disk total for images: LayersSize up to API 1.52, the images summary from 1.53. */
export function imagesDiskUsed(raw: RawDf): number | null {
  const total = raw.LayersSize ?? raw.ImagesUsage?.TotalSize ?? raw.ImageUsage?.TotalSize;
  return typeof total === 'number' && total >= 0 ? total : null;
}

/**
 * The images part of `docker system df` alone (`type=image`, 1.42+, so the engine sizes no containers or
 * volumes), for the containerd store's disk total. Null when the engine cannot say; the caller estimates.
 */
export async function imageStoreDiskUsed(): Promise<number | null> {
  try {
    return imagesDiskUsed(await systemDf<RawDf>({ type: 'image' }, listTimeoutMs()));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'engine_unreachable' || code === 'engine_timeout') throw error;
    return null;
  }
}

export async function rawDiskUsage(): Promise<RawDf> {
  // verbose=1 keeps the item lists on 1.52+; older engines ignore it.
  return systemDf<RawDf>({ verbose: 1 });
}

/** Exactly what `prune -a` would free: the "reclaimable" figure for images (blobs only where already read). */
export async function getDiskUsage(): Promise<DiskUsage> {
  const [raw, { plan }] = await Promise.all([rawDiskUsage(), planFor({ target: 'unused' }, false)]);
  return mapDiskUsage(raw, plan.freedBytes);
}
