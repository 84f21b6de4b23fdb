// A manifest or index as the manifest view shows it: an index's platform manifests, or a manifest's
// config (created, platform, labels) and layers.
import 'server-only';
import type { ManifestView } from '@/lib/api/registry-browse';
import { mapLimit } from '@/lib/map-limit';
import { getConfig, getManifest, isAttestation, isIndex, manifestSize, platformOfDescriptor } from '@/lib/registries/manifests';

const descriptor = (entry: { mediaType?: string; digest: string; size?: number }) => ({
  mediaType: entry.mediaType ?? '',
  digest: entry.digest,
  size: entry.size ?? 0,
});

export async function manifestView(server: string, repository: string, reference: string): Promise<ManifestView> {
  const manifest = await getManifest(server, repository, reference);
  const base = { server, repository, reference, digest: manifest.digest, mediaType: manifest.mediaType };
  if (isIndex(manifest)) {
    const manifests = await mapLimit(manifest.manifests ?? [], 4, async (child) => ({
      ...descriptor(child),
      platform: platformOfDescriptor(child),
      attestation: isAttestation(child),
      imageSize: await getManifest(server, repository, child.digest).then(manifestSize, () => null),
    }));
    const size = manifests.reduce((sum, child) => sum + (child.attestation ? 0 : (child.imageSize ?? 0)), 0);
    return { ...base, kind: 'index', manifests, config: null, layers: [], size };
  }
  const config = manifest.config ? await getConfig(server, repository, manifest.config.digest) : null;
  return {
    ...base,
    kind: 'manifest',
    manifests: [],
    config: manifest.config && config ? { ...descriptor(manifest.config), ...config } : null,
    layers: (manifest.layers ?? []).map(descriptor),
    size: manifestSize(manifest),
  };
}
