import { forceParam, handle } from '@/lib/api/handle';
import { platformOf } from '@/lib/api/platform';
import { imageRefParam } from '@/lib/api/schemas';
import { getPlatformDetail } from '@/lib/docker/platform-detail';
import { deleteImage } from '@/lib/docker/tags';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (req, { params }) => getPlatformDetail(imageRefParam.parse((await params).ref), platformOf(req)));

export const DELETE = handle<{ ref: string }>(async (req, { params }) => deleteImage(imageRefParam.parse((await params).ref), forceParam(req)));
