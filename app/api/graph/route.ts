import { handle } from '@/lib/http/handle';
import { getGraph } from '@/lib/docker/history/graph';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async () => getGraph());
