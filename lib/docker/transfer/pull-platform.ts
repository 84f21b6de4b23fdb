// What a pull with a platform really brought. Both engines (20.10 and 28.5) pull a single-platform
// image whatever platform was asked for (there is no index to choose from) and say nothing about it,
// so Strata checks the result and says so rather than let "linux/arm64" stand for an amd64 image.
import 'server-only';
import { platformString, samePlatform, type PlatformSpec } from '@/lib/api/platform';
import { inspectImage } from '@/lib/docker/images/list';
import { mapManifests } from '@/lib/docker/images/platforms';

export async function pulledPlatformNote(name: string, wanted: PlatformSpec): Promise<string | null> {
  const raw = await inspectImage(name).catch(() => null);
  if (!raw) return null;
  const platforms = mapManifests(raw.Manifests);
  if (platforms.length > 1) {
    const chosen = platforms.find((platform) => samePlatform(platform, wanted));
    return chosen?.available ? null : `${name} is a multi-platform image, but its ${platformString(wanted)} content did not arrive.`;
  }
  const own: PlatformSpec = platforms[0] ?? {
    os: raw.Os || 'unknown',
    architecture: raw.Architecture || 'unknown',
    variant: raw.Variant || null,
  };
  if (samePlatform(own, wanted)) return null;
  return `${name} is a single-platform image for ${platformString(own)}: the engine pulled that, not ${platformString(wanted)}.`;
}
