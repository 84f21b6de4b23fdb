import { handle } from '@/lib/http/handle';
import { repositoryIn, serverParam, tagsQuery } from '@/lib/api/registry-browse';
import { listTags } from '@/lib/registries/tags';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ server: string; name: string }>(async (req, { params }) => {
  const raw = await params;
  const server = serverParam.parse(raw.server);
  const repository = repositoryIn(server).parse(raw.name);
  const { page, q } = tagsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return listTags(server, repository, page, q);
});
