import { handle } from '@/lib/http/handle';
import { getDiskUsage } from '@/lib/docker/prune/disk-usage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async () => getDiskUsage());
