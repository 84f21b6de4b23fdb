// The layer facts (history, diff IDs, which step made which layer) of one platform of a multi-platform
// image. Kept in the layer cache under the platform's manifest digest: immutable content, like an image ID.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { dial, getConnection } from '@/lib/docker/engine/client';
import { configFromArchive } from '@/lib/docker/images/config';
import { cachedLayers, getLayers, rememberLayers, resolveImageLayers, type ImageLayers } from '@/lib/docker/images/layer-facts';
import { PLATFORM_API, type PlatformChoice } from '@/lib/docker/images/platform-choice';
import { openExport } from '@/lib/docker/images/platform-export';
import type { RawHistoryItem } from '@/lib/docker/engine/raw-types';

/** The chosen platform's layers, or (no platform chosen) the image's own, as before. */
export async function layersFor(choice: PlatformChoice): Promise<ImageLayers | null> {
  if (!choice.platform) return getLayers(choice.imageId);
  const key = choice.raw.Id;
  const hit = cachedLayers(key);
  if (hit) return hit;
  const { apiVersion } = await getConnection();
  // choosePlatform already needed 1.49 for inspect; history's 1.48 is below it, but say so if not.
  if (compareApiVersions(apiVersion, PLATFORM_API.history) < 0)
    throw new StrataError('conflict', `This engine (API ${apiVersion}) cannot give one platform's history.`);
  const history = await dial<RawHistoryItem[]>({ path: `/images/${choice.ref}/history`, method: 'GET', query: choice.query });
  // On the containerd store history sizes are snapshot usage: a platform that is not unpacked here
  // (arm64 on an amd64 host) has 0 on every step, so the step → layer pairing comes from its config.
  const readConfig = async () => configFromArchive(await openExport(choice.ref, choice.query), key);
  const layers: ImageLayers = {
    ...(await resolveImageLayers(key, choice.raw.RootFS?.Layers ?? [], history, readConfig)),
    platform: { os: choice.platform.os, architecture: choice.platform.architecture, variant: choice.platform.variant },
  };
  rememberLayers(key, layers);
  return layers;
}
