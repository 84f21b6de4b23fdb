// The data behind the tag → image ID → layer graph: every listed image with its tags, the image it
// was built on, its layer stack by chain ID (so a shared layer is one node), and, for an index, its
// platform manifests.
import 'server-only';
import type { GraphImage, GraphLayer, GraphResponse } from '@/lib/api/graph';
import { formatPlatform } from '@/lib/format';
import { findBase } from '@/lib/docker/history/timeline';
import { listImages, snapshot } from '@/lib/docker/images/list';
import { getManyLayers } from '@/lib/docker/images/layer-facts';
import { ancestorIds } from '@/lib/docker/images/parents';

/** `intermediates`: also the legacy builds' untagged step images, each then the parent of the next step. */
export async function getGraph(options: { intermediates?: boolean } = {}): Promise<GraphResponse> {
  const [{ images }, snap] = await Promise.all([listImages(options), snapshot()]);
  const listed = new Set(images.map((image) => image.id));
  const layers = new Map<string, GraphLayer>();
  // The snapshot holds the top-level images' layer facts; intermediates' come from the layer cache the list filled.
  const intermediateLayers = await getManyLayers(images.filter((image) => image.intermediate).map((image) => image.id));
  const graphImages: GraphImage[] = images.map((image) => {
    const facts = snap.layers.get(image.id) ?? intermediateLayers.get(image.id);
    // History is newest first: the nearest ancestor that is listed is the parent. Where no step names one
    // (pulled or BuildKit images; and once the containerd store has pruned an image's intermediates, every
    // step below it reads <missing>, the base's too) the FROM image, found by its layers and steps, is.
    const parent =
      ancestorIds(image.id, facts?.history ?? []).find((id) => listed.has(id)) ??
      (facts ? (findBase(image.id, facts.chainIds, facts.history, snap)?.id ?? null) : null);
    const chains = facts?.chainIds ?? [];
    chains.forEach((chain, i) => {
      const known = layers.get(chain);
      if (known) known.users += 1;
      else layers.set(chain, { id: chain, diffId: facts!.diffIds[i]!, size: facts!.sizes?.[i] ?? null, users: 1 });
    });
    return {
      id: image.id,
      shortId: image.shortId,
      repoTags: image.repoTags,
      size: image.size,
      contentSize: image.contentSize,
      uniqueSize: image.uniqueSize,
      dangling: image.dangling,
      ...(image.intermediate ? { intermediate: true } : {}),
      containers: image.containers,
      parent,
      layers: chains,
      // An index: its platform manifests become nodes of their own; `layers` are the default platform's.
      ...(image.platforms.length > 1
        ? { platforms: image.platforms, layersPlatform: facts?.platform ? formatPlatform(facts.platform) : null }
        : {}),
    };
  });
  return { images: graphImages, layers: [...layers.values()] };
}
