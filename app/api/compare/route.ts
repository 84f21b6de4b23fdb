import { handle } from '@/lib/http/handle';
import { compareQuery } from '@/lib/api/history';
import { compareImages } from '@/lib/docker/history/compare';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async (req) => {
  const { a, b } = compareQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return compareImages(a, b);
});
