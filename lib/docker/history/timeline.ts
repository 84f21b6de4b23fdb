// An image's build history as a timeline: steps decoded, matched to layers, with the base image it was
// built FROM and, for each layer, the other local images that share it.
import 'server-only';
import type { BaseImage, HistoryResponse, HistoryStep, ImageBrief } from '@/lib/api/history';
import { StrataError } from '@/lib/api/errors';
import { formatPlatform, shortId } from '@/lib/format';
import type { PlatformSpec } from '@/lib/api/platform';
import { decodeCreatedBy } from '@/lib/docker/history/decode';
import { snapshot, type Snapshot } from '@/lib/docker/images/list';
import { choosePlatform } from '@/lib/docker/images/platform-choice';
import { layersFor } from '@/lib/docker/images/platform-layers';
import { getLayers, type ImageLayers } from '@/lib/docker/images/layer-facts';
import { cleanNames, mapInspect } from '@/lib/docker/engine/mappers';
import { engine } from '@/lib/docker/engine/client';
import type { RawHistoryItem } from '@/lib/docker/engine/raw-types';

const brief = (id: string, repoTags: string[]): ImageBrief => ({ id, shortId: shortId(id), repoTags });

/**
 * The FROM image: the tagged local image whose layers start this one's stack and whose build steps are
 * the first steps of this one's (so an image that only adds ENV/LABEL/CMD to its base, with the very same
 * layers, still finds it). The longest such image wins.
 */
export function findBase(
  id: string,
  chainIds: readonly string[],
  history: ImageLayers['history'],
  snap: Snapshot,
): { id: string; layers: ImageLayers; repoTags: string[]; size: number } | null {
  const mine = [...history].reverse();
  const startsMine = (theirs: ImageLayers['history']) =>
    theirs.length < mine.length &&
    [...theirs].reverse().every((step, i) => step.CreatedBy === mine[i]?.CreatedBy && step.Created === mine[i]?.Created);
  let best: { id: string; layers: ImageLayers; repoTags: string[]; size: number } | null = null;
  for (const image of snap.listed) {
    if (image.id === id || image.repoTags.length === 0) continue;
    const layers = snap.layers.get(image.id);
    if (!layers || layers.chainIds.length === 0 || layers.chainIds.length > chainIds.length) continue;
    if (!layers.chainIds.every((chain, i) => chain === chainIds[i]) || !startsMine(layers.history)) continue;
    const better =
      !best ||
      layers.chainIds.length > best.layers.chainIds.length ||
      (layers.chainIds.length === best.layers.chainIds.length && layers.history.length > best.layers.history.length);
    // Its layers' bytes, in the same measure as the steps beside it: on the classic store that is its
    // size; on the containerd store its unpacked layers (its disk usage also counts its content).
    const size = layers.sizes ? layers.sizes.reduce((sum, bytes) => sum + bytes, 0) : image.size;
    if (better) best = { id: image.id, layers, repoTags: image.repoTags, size };
  }
  return best;
}

export function buildSteps(id: string, layers: ImageLayers, snap: Snapshot, baseStepCount: number): HistoryStep[] {
  const tagsById = new Map(snap.listed.map((image) => [image.id, image.repoTags]));
  const usersByChain = new Map<string, string[]>();
  for (const image of snap.listed) {
    if (image.id === id) continue;
    for (const chain of snap.layers.get(image.id)?.chainIds ?? []) {
      const users = usersByChain.get(chain);
      if (users) users.push(image.id);
      else usersByChain.set(chain, [image.id]);
    }
  }
  const oldest = [...layers.history].reverse();
  let nextLayer = 0;
  return oldest.map((raw, index) => {
    const makesLayer = layers.layerFlags ? layers.layerFlags[index] === true : raw.Size > 0;
    const counted = makesLayer && nextLayer < layers.diffIds.length ? nextLayer++ : null;
    // Without a reliable step → layer mapping, say "a layer" but name no diff ID rather than guess one.
    const layerIndex = layers.layerFlags ? counted : null;
    const decoded = decodeCreatedBy(raw.CreatedBy, raw.Comment);
    const imageId = raw.Id && raw.Id !== '<missing>' ? raw.Id : null;
    return {
      index,
      instruction: decoded.instruction,
      createdBy: decoded.command,
      created: new Date(raw.Created * 1000).toISOString(),
      size: raw.Size,
      emptyLayer: counted === null,
      diffId: layerIndex === null ? null : layers.diffIds[layerIndex]!,
      layerIndex,
      imageId,
      // Tags from the current list (the cached history's own Tags may be stale).
      tags: imageId ? (tagsById.get(imageId) ?? cleanNames(raw.Tags)) : [],
      comment: raw.Comment ?? '',
      sharedWith: layerIndex === null ? [] : (usersByChain.get(layers.chainIds[layerIndex]!) ?? []),
      fromBase: index < baseStepCount,
    };
  });
}

/**
 * The image's layer facts with its history's step IDs read afresh: the cache keeps the history as first
 * read, and its step IDs go stale when intermediates are deleted (the containerd store's prune takes them
 * while the image stays).
 */
async function withFreshStepIds(ref: string, id: string, snap: Snapshot): Promise<ImageLayers | null> {
  const cached = snap.layers.get(id) ?? (await getLayers(id));
  if (!cached) return null;
  const fresh = await engine((docker) => docker.getImage(id).history() as Promise<RawHistoryItem[]>).catch((error: unknown) => {
    // Deleted since the inspect: the same clean 404 as an unknown name.
    if (error instanceof StrataError && error.code === 'not_found')
      throw new StrataError('not_found', `No image named ${ref} on this engine.`, { ref });
    throw error;
  });
  return fresh.length === cached.history.length
    ? { ...cached, history: cached.history.map((step, i) => ({ ...step, Id: fresh[i]!.Id })) }
    : cached;
}

export async function getHistory(ref: string, wanted: PlatformSpec | null = null): Promise<HistoryResponse> {
  // One platform of a multi-platform image when asked (its own steps and layers), else the engine's default.
  const choice = await choosePlatform(ref, wanted);
  const { raw, imageId, platform } = choice;
  const sizes = mapInspect(raw);
  const snap = await snapshot();
  const layers = platform ? await layersFor(choice) : await withFreshStepIds(ref, raw.Id, snap);
  if (!layers) throw new StrataError('not_found', `No image named ${ref} on this engine.`, { ref });

  const found = findBase(imageId, layers.chainIds, layers.history, snap);
  const base: BaseImage | null = found
    ? {
        ...brief(found.id, found.repoTags),
        layerCount: found.layers.diffIds.length,
        size: found.size,
        stepCount: found.layers.history.length,
      }
    : null;
  const steps = buildSteps(imageId, layers, snap, base?.stepCount ?? 0);

  const related: Record<string, ImageBrief> = {};
  const listedById = new Map(snap.listed.map((image) => [image.id, image]));
  for (const relatedId of new Set([...steps.flatMap((step) => step.sharedWith), ...(base ? [base.id] : [])])) {
    related[relatedId] = brief(relatedId, listedById.get(relatedId)?.repoTags ?? []);
  }
  return {
    image: {
      ...brief(imageId, cleanNames(raw.RepoTags)),
      created: raw.Created ? new Date(raw.Created).toISOString() : new Date(0).toISOString(),
      // The list's disk usage (inspect's own Size is the content alone on the containerd store).
      // A platform's own figures (the list's, per manifest) when one was chosen.
      size: platform ? (platform.contentSize ?? 0) + (platform.unpackedSize ?? 0) : sizes.size,
      unpackedSize: platform ? platform.unpackedSize : sizes.unpackedSize,
      architecture: raw.Architecture ?? 'unknown',
      os: raw.Os ?? 'unknown',
      ...(platform ? { platform: formatPlatform(platform) } : {}),
    },
    steps,
    base,
    related,
    mapping: layers.mapping,
  };
}
