// Deleting a tag from a registry. The distribution API deletes manifests by digest, and every tag on that
// digest goes with it, so the preview lists them all, and the delete goes ahead only while the tag still
// points at the digest the preview showed.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import type { TagDeletePreview, TagDeleteResult } from '@/lib/api/registry-browse';
import { registryErrorCode, registryFetch } from '@/lib/registries/http';
import { headManifest } from '@/lib/registries/manifests';
import { forgetCatalog } from '@/lib/registries/catalog';
import { forgetRepository, tagsWithDigest } from '@/lib/registries/tags';

export async function previewTagDelete(server: string, repository: string, tag: string): Promise<TagDeletePreview> {
  const head = await headManifest(server, repository, tag);
  if (!head) throw new StrataError('not_found', `${server}/${repository} has no tag ${tag}.`);
  const goes = await tagsWithDigest(server, repository, head.digest);
  return { server, repository, tag, digest: head.digest, goes: goes.includes(tag) ? goes : [tag, ...goes] };
}

export async function deleteTag(server: string, repository: string, tag: string, expected: string): Promise<TagDeleteResult> {
  const preview = await previewTagDelete(server, repository, tag);
  if (preview.digest !== expected) {
    throw new StrataError(
      'conflict',
      `${repository}:${tag} now points at ${preview.digest.slice(0, 19)}, not the digest the preview showed. Nothing was deleted; look at the preview again.`,
    );
  }
  const response = await registryFetch(server, `/v2/${repository}/manifests/${preview.digest}`, {
    method: 'DELETE',
    scope: `repository:${repository}:pull,delete`,
  });
  if (!response.ok) {
    const code = await registryErrorCode(response);
    if (response.status === 405 || code === 'UNSUPPORTED') {
      throw new StrataError('forbidden', `${server} does not allow deletes (the distribution registry needs storage.delete.enabled).`);
    }
    if (response.status === 403 || response.status === 401)
      throw new StrataError('forbidden', `${server} does not let this login delete from ${repository}.`);
    if (response.status === 404) throw new StrataError('not_found', `${repository}@${preview.digest.slice(0, 19)} is already gone.`);
    throw new StrataError('upstream_failed', `${server} answered ${response.status} to the delete${code ? ` (${code})` : ''}.`);
  }
  await response.body?.cancel();
  forgetRepository(server, repository);
  forgetCatalog(server);
  return { server, repository, deleted: preview.goes, digest: preview.digest };
}
