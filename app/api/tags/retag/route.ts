import { handle, readJson } from '@/lib/http/handle';
import { retagBody } from '@/lib/api/tags';
import { retag } from '@/lib/docker/writes/bulk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  const { from, to, move, dryRun } = retagBody.parse(await readJson(req));
  return retag(from, to, move, dryRun);
});
