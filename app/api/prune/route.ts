import { handle, readJson } from '@/lib/http/handle';
import { pruneRequestSchema } from '@/lib/api/prune';
import { prune } from '@/lib/docker/prune/run';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  return prune(pruneRequestSchema.parse(await readJson(req)));
});
