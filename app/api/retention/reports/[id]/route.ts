import { handle } from '@/lib/http/handle';
import { getReport } from '@/lib/docker/retention/store';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ id: string }>(async (_req, { params }) => getReport((await params).id));
