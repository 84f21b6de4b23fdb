// One platform of a multi-platform image: which engine calls may name it, and the inspect that answers
// for it. The engine (28.5, API 1.51) takes `platform` as JSON of an OCI platform on inspect (1.49+),
// history and `/images/get` (1.48+); older API versions ignore it silently and answer for the host's
// platform, so Strata sends it only where the negotiated version has it, and only for an image that
// really holds several platforms (a single-platform image is its one platform, on both stores).
import 'server-only';
import type { RawImageInspect } from '@/lib/docker/engine/raw-types';
import type { ImagePlatform } from '@/lib/api/images';
import { StrataError } from '@/lib/api/errors';
import { platformString, samePlatform, type PlatformSpec } from '@/lib/api/platform';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { dial, getConnection } from '@/lib/docker/engine/client';
import { inspectImage } from '@/lib/docker/images/list';
import { cleanNames } from '@/lib/docker/engine/mappers';
import { mapManifests } from '@/lib/docker/images/platforms';

/** First API versions whose endpoints take `platform` (moby's api/docs/CHANGELOG.md, checked on 1.51). */
export const PLATFORM_API = { inspect: '1.49', history: '1.48', export: '1.48' } as const;

export interface PlatformChoice {
  /** The image as asked for (its ID: the index digest on the containerd store). */
  imageId: string;
  /** The name it was asked by, for the engine calls that follow (a manifest digest is not an image name). */
  ref: string;
  /** Inspect for the chosen platform (its Id is that platform's manifest digest), or the plain inspect. */
  raw: RawImageInspect;
  /** The chosen platform of a multi-platform image; null when the engine's default answer is the one. */
  platform: ImagePlatform | null;
  /** `{ platform: '{"os":…}' }` for history and export, or `{}`. */
  query: Record<string, string>;
}

export const enginePlatform = (platform: PlatformSpec): string =>
  JSON.stringify({ os: platform.os, architecture: platform.architecture, ...(platform.variant ? { variant: platform.variant } : {}) });

/** What the image holds, named for a message: `linux/amd64, linux/arm64`. */
const named = (platforms: readonly PlatformSpec[]) => platforms.map(platformString).join(', ');

export async function choosePlatform(ref: string, wanted: PlatformSpec | null): Promise<PlatformChoice> {
  const raw = await inspectImage(ref);
  const plain: PlatformChoice = { imageId: raw.Id, ref, raw, platform: null, query: {} };
  if (!wanted) return plain;
  const platforms = mapManifests(raw.Manifests);
  const own: PlatformSpec = { os: raw.Os || 'unknown', architecture: raw.Architecture || 'unknown', variant: raw.Variant || null };
  if (platforms.length <= 1) {
    // One platform (the classic store, a single-platform manifest): asking for it is asking for the image.
    const only = platforms[0] ?? own;
    if (samePlatform(only, wanted)) return plain;
    throw new StrataError(
      'not_found',
      `${ref} is a single-platform image (${platformString(only)}); it has no ${platformString(wanted)}.`,
      { platform: platformString(wanted) },
    );
  }
  const chosen = platforms.find((platform) => samePlatform(platform, wanted));
  if (!chosen) {
    throw new StrataError('not_found', `${ref} has no ${platformString(wanted)} platform; it holds ${named(platforms)}.`, {
      platform: platformString(wanted),
    });
  }
  if (!chosen.available) {
    // By a name a pull can use (an image ID cannot be pulled).
    const name = cleanNames(raw.RepoTags)[0];
    throw new StrataError(
      'conflict',
      `${platformString(wanted)} is listed in the index of ${name ?? ref}, but its content is not on this engine (it was pulled or loaded without it). ${name ? `Pull ${name} with platform ${platformString(wanted)} to read it.` : 'Pull the image by name with that platform to read it.'}`,
      { platform: platformString(wanted), reason: 'platform_unavailable' },
    );
  }
  const { apiVersion } = await getConnection();
  if (compareApiVersions(apiVersion, PLATFORM_API.inspect) < 0) {
    throw new StrataError(
      'conflict',
      `This engine speaks API ${apiVersion}; reading one platform of a multi-platform image needs API ${PLATFORM_API.inspect} (Docker 28.2+), or the engine answers for its own platform instead.`,
      { platform: platformString(wanted), reason: 'api_too_old' },
    );
  }
  // `manifests` and `platform` together are a 400 on 1.51 ("conflicting options"): platform alone.
  const query = { platform: enginePlatform(wanted) };
  const forPlatform = await dial<RawImageInspect>({ path: `/images/${ref}/json`, method: 'GET', query });
  return { imageId: raw.Id, ref, raw: forPlatform, platform: chosen, query };
}
