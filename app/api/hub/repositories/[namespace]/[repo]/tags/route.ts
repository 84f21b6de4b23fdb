import { handle } from '@/lib/http/handle';
import { hubRepoParams, hubTagsQuery } from '@/lib/api/hub';
import { hubTags } from '@/lib/hub/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ namespace: string; repo: string }>(async (req, { params }) => {
  const { namespace, repo } = hubRepoParams.parse(await params);
  const { page, name } = hubTagsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return hubTags(namespace, repo, page, name);
});
