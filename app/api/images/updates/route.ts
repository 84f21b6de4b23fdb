import { handle } from '@/lib/http/handle';
import { updatesQuery } from '@/lib/api/updates';
import { imageUpdates } from '@/lib/registries/updates';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async (req) => {
  const { wait, refresh } = updatesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return imageUpdates(wait, refresh);
});
