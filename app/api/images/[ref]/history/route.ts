import { handle } from '@/lib/api/handle';
import { platformOf } from '@/lib/api/platform';
import { imageRefParam } from '@/lib/api/schemas';
import { getHistory } from '@/lib/docker/history';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (req, { params }) => getHistory(imageRefParam.parse((await params).ref), platformOf(req)));
