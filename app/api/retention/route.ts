import { handle } from '@/lib/http/handle';
import { retentionOverview } from '@/lib/docker/retention/rules';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async () => retentionOverview());
