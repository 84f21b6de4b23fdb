import { describe, expect, it } from 'vitest';
import classicAll from '@/lib/docker/__fixtures__/api-1.41/images_json_all_1.json';
import classicContainers from '@/lib/docker/__fixtures__/api-1.41/containers_json_all_1.json';
import modernAll from '@/lib/docker/__fixtures__/modern/images_json_all_1.json';
import modernManifests from '@/lib/docker/__fixtures__/modern/images_json_manifests_1.json';
import modernContainers from '@/lib/docker/__fixtures__/modern/containers_json_all_1.json';
import { mapPlanImage, planContainersByImage, recordTimeOf } from '@/lib/docker/prune/inventory';
import type { RawContainer, RawImageListItemFull } from '@/lib/docker/engine/raw-types';

describe('mapPlanImage', () => {
  it('classic (API 1.41): <none> names are no tags, the parent is kept, nothing containerd-only is known', () => {
    const intermediate = (classicAll as unknown as RawImageListItemFull[]).find(
      (image) => image.RepoTags?.[0] === '<none>:<none>' && image.ParentId,
    )!;
    const mapped = mapPlanImage(intermediate);
    expect(mapped.repoTags).toEqual([]);
    expect(mapped.parentId).toBe(intermediate.ParentId);
    expect([mapped.unpacked, mapped.manifestSize, mapped.blobs]).toEqual([null, null, null]);
    expect(mapped.danglingRecord).toBe(true);
  });

  it('containerd (API 1.51): the manifest size from Descriptor, Unpacked from manifests=1', () => {
    const listed = (modernManifests as unknown as RawImageListItemFull[]).find((image) =>
      image.RepoTags?.includes('strata-fixture/app:dev'),
    )!;
    const mapped = mapPlanImage(listed, { danglingRecord: false, recordTime: '2026-12-01T19:00:00.000Z' });
    expect(mapped.manifestSize).toBe(744);
    expect(mapped.unpacked).toBe(2_039_808);
    expect(mapped.danglingRecord).toBe(false);
    expect(mapped.recordTime).toBe('2026-12-01T19:00:00.000Z');
    // Without manifests=1 the chain's usage is unknown, not zero.
    expect(mapPlanImage((modernAll as unknown as RawImageListItemFull[])[0]!).unpacked).toBeNull();
  });
});

describe('planContainersByImage', () => {
  it.each([
    ['classic', classicContainers],
    ['containerd', modernContainers],
  ])('%s: keeps the reference the container was created from', (_store, raw) => {
    const byImage = planContainersByImage(raw as unknown as RawContainer[]);
    const [refs] = [...byImage.values()];
    expect(refs).toEqual([expect.objectContaining({ name: 'strata-fixture-used', imageRef: 'strata-fixture/used:1', state: 'created' })]);
  });
});

describe('recordTimeOf', () => {
  it('reads LastTagTime; the zero time of an image never tagged is unknown', () => {
    expect(recordTimeOf({ Metadata: { LastTagTime: '2026-12-01T19:55:20.693606913Z' } })).toBe('2026-12-01T19:55:20.693Z');
    expect(recordTimeOf({ Metadata: { LastTagTime: '0001-01-01T00:00:00Z' } })).toBeNull();
    expect(recordTimeOf({})).toBeNull();
  });
});
