import { handle, readJson } from '@/lib/http/handle';
import { ndjsonResponse } from '@/lib/http/ndjson';
import { pullBody } from '@/lib/api/transfer';
import { pull } from '@/lib/docker/transfer/pull-push';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => {
  const { ref, platform } = pullBody.parse(await readJson(req));
  return ndjsonResponse(req, (signal) => pull(ref, signal, platform ?? null));
});
