// Which platforms an image holds. On the containerd store an image can be an index of several platform
// manifests, each present or not; the engine describes them in `/images/json?manifests=1` (API 1.47+).
// Everywhere else an image is one platform: its own os/architecture, from inspect.
import 'server-only';
import type { ImagePlatform } from '@/lib/api/images';
import type { RawImageListItem, RawImageManifestSummary, RawOciPlatform } from '@/lib/docker/engine/raw-types';

/** The first API whose image list takes `manifests=1`. */
export const MANIFESTS_API = '1.47';

export interface PlatformFacts {
  os: string;
  architecture: string;
  variant: string | null;
}

type PlatformSizes = Pick<ImagePlatform, 'contentSize' | 'unpackedSize'>;

/** What one list entry says about platforms, before inspect data is at hand. */
export interface ListedPlatforms {
  /** One per platform manifest of kind "image"; empty when the engine sent no manifests. */
  manifests: ImagePlatform[];
  /** The sizes a single-platform entry can honestly claim from the list alone. */
  fallbackSizes: PlatformSizes;
}

const size = (value: number | undefined): number | null => (typeof value === 'number' && value >= 0 ? value : null);

function facts(platform: RawOciPlatform | undefined): PlatformFacts {
  return { os: platform?.os || 'unknown', architecture: platform?.architecture || 'unknown', variant: platform?.variant || null };
}

/** Platform manifests only: attestation manifests (BuildKit's provenance, SBOMs) describe another manifest. */
export function mapManifests(manifests: readonly RawImageManifestSummary[] | null | undefined): ImagePlatform[] {
  return (manifests ?? [])
    .filter((manifest) => manifest.Kind === 'image')
    .map((manifest) => ({
      ...facts(manifest.ImageData?.Platform ?? manifest.Descriptor?.platform),
      id: manifest.ID,
      available: manifest.Available ?? false,
      contentSize: size(manifest.Size?.Content),
      unpackedSize: size(manifest.ImageData?.Size?.Unpacked),
    }));
}

export function listedPlatforms(raw: RawImageListItem): ListedPlatforms {
  // The classic store's list Size is the sum of the uncompressed layers: the unpacked size, with no
  // compressed content kept. A containerd-store entry (it carries a Descriptor) counts content plus
  // snapshots in one Size, and without manifests the split is unknown.
  const classic = raw.Descriptor === undefined;
  return {
    manifests: mapManifests(raw.Manifests),
    fallbackSizes: { contentSize: null, unpackedSize: classic ? size(raw.Size) : null },
  };
}

/** Never empty: the manifests when there are any, else the image itself as its one platform. */
export function resolvePlatforms(imageId: string, listed: ListedPlatforms, own: PlatformFacts | null): ImagePlatform[] {
  if (listed.manifests.length > 0) return listed.manifests;
  const { os, architecture, variant } = own ?? facts(undefined);
  return [{ os, architecture, variant, id: imageId, available: true, ...listed.fallbackSizes }];
}
