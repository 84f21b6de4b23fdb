import { handle } from '@/lib/http/handle';
import { listQuery } from '@/lib/api/images';
import { listImages } from '@/lib/docker/images/list';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// `?all=1` adds the legacy-build intermediates, as `docker image ls -a` does.
export const GET = handle(async (req) =>
  listImages({ intermediates: listQuery.parse(Object.fromEntries(new URL(req.url).searchParams)).all }),
);
