// POST /api/images/import?tag=…&change=CMD%20…&message=… (body: a root filesystem tarball) → the new image.
import { importQuery } from '@/lib/api/build';
import { handle } from '@/lib/http/handle';
import { archiveBody, uploadFailure } from '@/lib/http/upload';
import { checkDeclaredLength } from '@/lib/http/upload-limits';
import { importRootfs } from '@/lib/docker/transfer/archives';
import { familiarRepository } from '@/lib/reference';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = handle(
  async (req) => {
    checkDeclaredLength(req);
    const params = new URL(req.url).searchParams;
    const query = importQuery.parse({
      tag: params.get('tag') ?? undefined,
      message: params.get('message') ?? undefined,
      change: params.getAll('change'),
    });
    const body = archiveBody(req);
    const repo = query.tag ? familiarRepository(query.tag.domain, query.tag.path) : undefined;
    try {
      return await importRootfs(body, {
        repo,
        tag: query.tag ? (query.tag.tag ?? 'latest') : undefined,
        message: query.message,
        changes: query.change,
      });
    } catch (error) {
      throw uploadFailure(body, error);
    }
  },
  { upload: true },
);
