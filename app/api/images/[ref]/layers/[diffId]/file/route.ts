import { handle } from '@/lib/http/handle';
import { platformOf } from '@/lib/api/platform';
import { diffIdParam } from '@/lib/api/analysis';
import { layerFileQuery } from '@/lib/api/packages';
import { imageRefParam } from '@/lib/api/references';
import { openLayerFile } from '@/lib/docker/analysis/layer-file';
import { fileDownload } from '@/lib/http/file-download';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One file's bytes as the filesystem holds it at this layer (`?path=etc/os-release`), as an attachment. */
export const GET = handle<{ ref: string; diffId: string }>(async (req, { params }) => {
  const { ref, diffId } = await params;
  const { path } = layerFileQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const file = await openLayerFile(imageRefParam.parse(ref), diffIdParam.parse(diffId), path, platformOf(req), req.signal);
  return fileDownload(req, file);
});
