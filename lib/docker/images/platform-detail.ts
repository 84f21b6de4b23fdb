// The image page for one platform of a multi-platform image: the image as a whole (tags, sizes, its
// platforms, containers) with that platform's own config, layers, labels and inspect view.
import 'server-only';
import type { ImageDetail } from '@/lib/api/images';
import type { PlatformSpec } from '@/lib/api/platform';
import { formatPlatform } from '@/lib/format';
import { getImageDetail } from '@/lib/docker/images/list';
import { mapInspect } from '@/lib/docker/engine/mappers';
import { choosePlatform } from '@/lib/docker/images/platform-choice';
import { toInspectView } from '@/lib/docker/images/inspect-view';

export async function getPlatformDetail(ref: string, wanted: PlatformSpec | null): Promise<ImageDetail> {
  // Checked first: a platform the image lacks is a 404/409 before any other work.
  const choice = wanted ? await choosePlatform(ref, wanted) : null;
  const detail = await getImageDetail(ref);
  if (!choice?.platform) return detail;
  const own = mapInspect(choice.raw);
  return {
    ...detail,
    shownPlatform: formatPlatform(choice.platform),
    architecture: own.architecture,
    os: own.os,
    variant: own.variant,
    created: own.created,
    author: own.author,
    comment: own.comment,
    labels: own.labels,
    config: own.config,
    layers: own.diffIds,
    inspect: toInspectView(choice.raw),
  };
}
