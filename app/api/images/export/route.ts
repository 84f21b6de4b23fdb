// GET /api/images/export?ref=a&ref=b → several images in one `docker save` tar, streamed.
import { exportQuery } from '@/lib/api/build';
import { handle } from '@/lib/http/handle';
import { tarDownload } from '@/lib/http/tar-download';
import { saveImages } from '@/lib/docker/transfer/archives';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle(async (req) => {
  const { ref } = exportQuery.parse({ ref: new URL(req.url).searchParams.getAll('ref') });
  return tarDownload(req, await saveImages(ref));
});
