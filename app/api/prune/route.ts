import { handle, readJson } from '@/lib/http/handle';
import { pruneBody } from '@/lib/api/prune';
import { prune } from '@/lib/docker/prune/run';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  const { target, dryRun, until, labels, only, expect } = pruneBody.parse(await readJson(req));
  return prune({ target, dryRun, until: until ?? null, labels, only: only ?? null, expect: expect ?? null });
});
