import { handle } from '@/lib/http/handle';
import { hubRepoParams } from '@/lib/api/hub';
import { hubRepository } from '@/lib/hub/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ namespace: string; repo: string }>(async (_req, { params }) => {
  const { namespace, repo } = hubRepoParams.parse(await params);
  return hubRepository(namespace, repo);
});
