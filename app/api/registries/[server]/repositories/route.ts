import { handle } from '@/lib/http/handle';
import { repositoriesQuery, serverParam } from '@/lib/api/registry-browse';
import { listRepositories } from '@/lib/registries/catalog';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ server: string }>(async (req, { params }) => {
  const server = serverParam.parse((await params).server);
  const { page, q } = repositoriesQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return listRepositories(server, page, q);
});
