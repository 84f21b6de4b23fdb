import { handle, readJson } from '@/lib/http/handle';
import { ruleDraftSchema, ruleIdParam } from '@/lib/api/retention';
import { deleteRule, updateRule } from '@/lib/docker/retention/rules';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const PUT = handle<{ id: string }>(async (req, { params }) =>
  updateRule(ruleIdParam.parse((await params).id), ruleDraftSchema.parse(await readJson(req))),
);

export const DELETE = handle<{ id: string }>(async (_req, { params }) => deleteRule(ruleIdParam.parse((await params).id)));
