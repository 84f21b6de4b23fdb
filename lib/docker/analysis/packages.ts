// What an image's package databases say, from the parsed layers (read by the analysis if not yet).
import 'server-only';
import type { ImagePackages } from '@/lib/api/packages';
import type { PlatformSpec } from '@/lib/api/platform';
import { imageLayers } from '@/lib/docker/analysis/analyse';
import { rememberOs } from '@/lib/docker/analysis/os-index';
import type { PlatformChoice } from '@/lib/docker/images/platform-choice';
import { imagePackages } from '@/lib/packages/image-packages';

export async function getImagePackages(
  ref: string,
  wanted: PlatformSpec | null,
  signal: AbortSignal,
): Promise<{ packages: ImagePackages; choice: PlatformChoice }> {
  const { choice, diffIds, layers } = await imageLayers(ref, signal, wanted);
  const packages = { imageId: choice.raw.Id, ...imagePackages(diffIds, layers) };
  await rememberOs(choice, packages.os);
  return { packages, choice };
}
