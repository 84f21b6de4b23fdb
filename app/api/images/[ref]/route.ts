import { handle } from '@/lib/api/handle';
import { imageRefParam } from '@/lib/api/schemas';
import { getImageDetail } from '@/lib/docker/images';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (_req, { params }) => getImageDetail(imageRefParam.parse((await params).ref)));
