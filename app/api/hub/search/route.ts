import { handle } from '@/lib/http/handle';
import { hubSearchQuery } from '@/lib/api/hub';
import { searchHub } from '@/lib/hub/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async (req) => searchHub(hubSearchQuery.parse(Object.fromEntries(new URL(req.url).searchParams))));
