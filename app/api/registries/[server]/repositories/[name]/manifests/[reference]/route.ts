import { handle } from '@/lib/http/handle';
import { manifestReference, repositoryIn, serverParam } from '@/lib/api/registry-browse';
import { manifestView } from '@/lib/registries/manifest-view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ server: string; name: string; reference: string }>(async (_req, { params }) => {
  const raw = await params;
  const server = serverParam.parse(raw.server);
  return manifestView(server, repositoryIn(server).parse(raw.name), manifestReference.parse(raw.reference));
});
