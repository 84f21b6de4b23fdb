// An image's SBOM: the packages its layers installed (read by the analysis if not yet), named the way
// the user knows the image.
import 'server-only';
import type { SbomFormat } from '@/lib/api/packages';
import type { PlatformSpec } from '@/lib/api/platform';
import { getImagePackages } from '@/lib/docker/analysis/packages';
import { cleanNames } from '@/lib/docker/engine/mappers';
import { sbomFile, type SbomFile } from '@/lib/sbom/sbom';
import { shortId } from '@/lib/format';

export async function getImageSbom(ref: string, format: SbomFormat, wanted: PlatformSpec | null, signal: AbortSignal): Promise<SbomFile> {
  const { packages, choice } = await getImagePackages(ref, wanted, signal);
  const tag = cleanNames(choice.raw.RepoTags)[0] ?? null;
  const platform =
    choice.platform ??
    (choice.raw.Os && choice.raw.Architecture
      ? { os: choice.raw.Os, architecture: choice.raw.Architecture, variant: choice.raw.Variant || null }
      : null);
  return sbomFile(format, {
    name: tag ?? shortId(packages.imageId),
    tag,
    imageId: packages.imageId,
    repoDigest: cleanNames(choice.raw.RepoDigests)[0] ?? null,
    platform,
    packages,
  });
}
