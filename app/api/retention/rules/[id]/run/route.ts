import { handle, readJson } from '@/lib/http/handle';
import { ruleIdParam, runRequestSchema } from '@/lib/api/retention';
import { runNow } from '@/lib/docker/retention/rules';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle<{ id: string }>(async (req, { params }) => {
  const id = ruleIdParam.parse((await params).id);
  return runNow(id, runRequestSchema.parse(await readJson(req)).confirm);
});
