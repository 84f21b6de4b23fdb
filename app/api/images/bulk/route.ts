import { handle, readJson } from '@/lib/http/handle';
import { bulkBody } from '@/lib/api/tags';
import { bulk } from '@/lib/docker/writes/bulk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  const { action, targets, force, dryRun } = bulkBody.parse(await readJson(req));
  return bulk(action, targets, force, dryRun);
});
