import { forceParam, handle } from '@/lib/http/handle';
import { imageRefParam } from '@/lib/api/references';
import { getImageDetail } from '@/lib/docker/images/list';
import { deleteImage } from '@/lib/docker/writes/delete';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (_req, { params }) => getImageDetail(imageRefParam.parse((await params).ref)));

export const DELETE = handle<{ ref: string }>(async (req, { params }) => deleteImage(imageRefParam.parse((await params).ref), forceParam(req)));
