import { handle } from '@/lib/http/handle';
import { getEngineInfo } from '@/lib/docker/engine/info';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async () => getEngineInfo());
