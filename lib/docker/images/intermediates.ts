// The images `docker image ls -a` adds to `docker image ls`: the untagged images a legacy build
// (`DOCKER_BUILDKIT=0 docker build`) leaves for each step, which later images are built on.
//
// Both stores, measured (docs/notes/modern-engine.md, "Legacy-build intermediates"): `/images/json`
// without `all` leaves out every untagged image that another image is built on; `all=1` adds them, with
// the `ParentId` chain intact. The engine decides which images are intermediate (Strata asks it twice
// rather than re-deriving the rule), and the top-level rows keep the numbers `docker image ls` gives:
// their shared/unique split is worked out against the top-level images only, as without `-a`.
import 'server-only';
import type { ImageListResponse } from '@/lib/api/images';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { dial, getConnection } from '@/lib/docker/engine/client';
import { sizeReport, summarizeImages, toSummary, type Snapshot } from '@/lib/docker/images/summaries';
import { getManyLayers } from '@/lib/docker/images/layer-facts';
import { mapListItem } from '@/lib/docker/engine/mappers';
import { MANIFESTS_API } from '@/lib/docker/images/platforms';
import type { RawImageListItem } from '@/lib/docker/engine/raw-types';

/** The list as `docker image ls -a` has it: the top-level images, then the intermediates, marked as such. */
export async function withIntermediates(snap: Snapshot): Promise<ImageListResponse> {
  const top = summarizeImages(snap);
  const manifests = compareApiVersions((await getConnection()).apiVersion, MANIFESTS_API) >= 0;
  const raw = await dial<RawImageListItem[]>({
    path: '/images/json',
    method: 'GET',
    query: { all: 1, 'shared-size': 1, ...(manifests ? { manifests: 1 } : {}) },
  });
  const known = new Set(snap.listed.map((image) => image.id));
  const extra = raw.filter((image) => !known.has(image.Id)).map(mapListItem);
  if (extra.length === 0) return { ...top, totals: { ...top.totals, intermediates: 0 } };
  const layers = await getManyLayers(extra.map((image) => image.id));
  // An intermediate is sized against every image (its layers are all its children's too); on the
  // containerd store the engine's SharedSize from the `all=1` answer is that figure already.
  const all: Snapshot = { ...snap, listed: [...snap.listed, ...extra], layers: new Map([...snap.layers, ...layers]) };
  const report = sizeReport(all);
  const intermediates = extra.map((image) => ({ ...toSummary(image, all, report), dangling: false, intermediate: true }));
  return { images: [...top.images, ...intermediates], totals: { ...top.totals, intermediates: intermediates.length } };
}
