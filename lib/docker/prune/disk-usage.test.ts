import { describe, expect, it } from 'vitest';
import { mapDiskUsage, type RawDf } from '@/lib/docker/prune/disk-usage';
import recorded from '@/lib/docker/__fixtures__/api-1.41/system_df.json';

describe('mapDiskUsage', () => {
  it('reads the legacy lists of API 1.41 (recorded), using Strata’s own reclaimable figure for images', () => {
    const raw = recorded as unknown as RawDf;
    const usage = mapDiskUsage(raw, 12345);
    expect(usage.images).toEqual({ count: raw.Images!.length, size: raw.LayersSize, reclaimable: 12345, active: 1 });
    expect(usage.containers).toMatchObject({ count: 1, active: 0 });
    expect(usage.volumes).toEqual({ count: 0, size: 0, reclaimable: 0, active: 0 });
    expect(usage.buildCache).toEqual({ count: 0, size: 0, reclaimable: 0, active: 0 });
  });

  it('reads the per-type summaries that replace the lists from API 1.53', () => {
    const usage = mapDiskUsage(
      {
        ImagesUsage: { ActiveCount: 2, TotalCount: 9, TotalSize: 5_000_000, Reclaimable: 3_000_000 },
        ContainersUsage: { ActiveCount: 1, TotalCount: 3, TotalSize: 4096, Reclaimable: 1024 },
        VolumesUsage: { ActiveCount: 0, TotalCount: 1, TotalSize: 10, Reclaimable: 10 },
        BuildCacheUsage: { ActiveCount: 0, TotalCount: 4, TotalSize: 800, Reclaimable: 800 },
      },
      1,
    );
    expect(usage.images).toEqual({ count: 9, size: 5_000_000, reclaimable: 3_000_000, active: 2 });
    expect(usage.containers).toEqual({ count: 3, size: 4096, reclaimable: 1024, active: 1 });
    expect(usage.buildCache.reclaimable).toBe(800);
  });

  it('keeps build cache records, in use or not', () => {
    const usage = mapDiskUsage(
      {
        BuildCache: [
          { ID: 'a', Type: 'regular', Description: 'mount / from exec', Size: 100, InUse: false, Shared: false },
          { ID: 'b', Size: 50, InUse: true },
        ],
      },
      0,
    );
    expect(usage.buildCache).toEqual({ count: 2, size: 150, reclaimable: 100, active: 1 });
    expect(usage.buildCacheRecords.map((record) => record.id)).toEqual(['a', 'b']);
  });
});
