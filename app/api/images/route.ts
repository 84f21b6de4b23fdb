import { handle } from '@/lib/http/handle';
import { listImages } from '@/lib/docker/images/list';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async () => listImages());
