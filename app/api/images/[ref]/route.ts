import { forceParam, handle } from '@/lib/http/handle';
import { platformOf } from '@/lib/api/platform';
import { imageRefParam } from '@/lib/api/references';
import { getPlatformDetail } from '@/lib/docker/images/platform-detail';
import { deleteImage } from '@/lib/docker/writes/delete';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (req, { params }) =>
  getPlatformDetail(imageRefParam.parse((await params).ref), platformOf(req)),
);

export const DELETE = handle<{ ref: string }>(async (req, { params }) =>
  deleteImage(imageRefParam.parse((await params).ref), forceParam(req)),
);
