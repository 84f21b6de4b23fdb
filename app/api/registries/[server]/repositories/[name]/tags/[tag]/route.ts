import { handle } from '@/lib/http/handle';
import { repositoryIn, serverParam, tagDeleteQuery, tagName } from '@/lib/api/registry-browse';
import { deleteTag, previewTagDelete } from '@/lib/registries/delete';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { server: string; name: string; tag: string };

async function target(params: Promise<Params>) {
  const raw = await params;
  const server = serverParam.parse(raw.server);
  return { server, repository: repositoryIn(server).parse(raw.name), tag: tagName.parse(raw.tag) };
}

/** The delete preview: the digest the tag points at and every tag that goes with it. */
export const GET = handle<Params>(async (_req, { params }) => {
  const { server, repository, tag } = await target(params);
  return previewTagDelete(server, repository, tag);
});

export const DELETE = handle<Params>(async (req, { params }) => {
  const { server, repository, tag } = await target(params);
  const { digest } = tagDeleteQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return deleteTag(server, repository, tag, digest);
});
