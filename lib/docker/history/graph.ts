// The data behind the tag → image ID → layer graph: every listed image with its tags, the image it
// was built on, and its layer stack by chain ID (so a shared layer is one node).
import 'server-only';
import type { GraphImage, GraphLayer, GraphResponse } from '@/lib/api/graph';
import { listImages, snapshot } from '@/lib/docker/images/list';
import { ancestorIds } from '@/lib/docker/images/parents';

export async function getGraph(): Promise<GraphResponse> {
  const [{ images }, snap] = await Promise.all([listImages(), snapshot()]);
  const listed = new Set(images.map((image) => image.id));
  const layers = new Map<string, GraphLayer>();
  const graphImages: GraphImage[] = images.map((image) => {
    const facts = snap.layers.get(image.id);
    // History is newest first: the nearest ancestor that is listed is the parent.
    const parent = ancestorIds(image.id, facts?.history ?? []).find((id) => listed.has(id)) ?? null;
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
      containers: image.containers,
      parent,
      layers: chains,
    };
  });
  return { images: graphImages, layers: [...layers.values()] };
}
