import { handle } from '@/lib/http/handle';
import { platformOf } from '@/lib/api/platform';
import { diffIdParam, layerFilesQuery } from '@/lib/api/analysis';
import { imageRefParam } from '@/lib/api/references';
import { listLayerDirectory } from '@/lib/docker/analysis/analyse';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string; diffId: string }>(async (req, { params }) => {
  const { ref, diffId } = await params;
  const { path, view } = layerFilesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return listLayerDirectory(imageRefParam.parse(ref), diffIdParam.parse(diffId), path, view, platformOf(req));
});
