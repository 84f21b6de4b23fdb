// The query Strata lists images with, on whatever engine answers.
import 'server-only';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { getConnection } from '@/lib/docker/engine/client';
import { MANIFESTS_API } from '@/lib/docker/images/platforms';

/**
 * The containerd store needs both for its sizes and platforms: SharedSize (1.42+; older engines ignore
 * it, and on the classic store Strata computes the split itself) and per-platform manifests (from API
 * 1.47, answered only by the containerd store).
 */
export async function imageListOptions(): Promise<Record<string, unknown>> {
  const manifests = compareApiVersions((await getConnection()).apiVersion, MANIFESTS_API) >= 0;
  return { 'shared-size': true, ...(manifests ? { manifests: true } : {}) };
}
