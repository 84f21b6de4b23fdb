import { NextResponse } from 'next/server';
import { handle, readJson } from '@/lib/http/handle';
import { ruleDraftSchema } from '@/lib/api/retention';
import { createRule } from '@/lib/docker/retention/rules';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(async (req) => NextResponse.json(await createRule(ruleDraftSchema.parse(await readJson(req))), { status: 201 }));
