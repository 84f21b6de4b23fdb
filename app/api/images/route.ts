import { handle } from '@/lib/api/handle';
import { listQuery } from '@/lib/api/schemas';
import { listImages } from '@/lib/docker/images';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// `?all=1` adds the legacy-build intermediates, as `docker image ls -a` does.
export const GET = handle(async (req) => listImages({ intermediates: listQuery.parse(Object.fromEntries(new URL(req.url).searchParams)).all }));
