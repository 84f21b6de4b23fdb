import { handle } from '@/lib/http/handle';
import { platformOf } from '@/lib/api/platform';
import { imageRefParam } from '@/lib/api/references';
import { getHistory } from '@/lib/docker/history/timeline';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (req, { params }) => getHistory(imageRefParam.parse((await params).ref), platformOf(req)));
