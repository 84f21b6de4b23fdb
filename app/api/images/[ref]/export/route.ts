// GET /api/images/{ref}/export → the image as a `docker save` tar, streamed.
import { handle } from '@/lib/http/handle';
import { imageRefParam } from '@/lib/api/references';
import { tarDownload } from '@/lib/http/tar-download';
import { saveImages } from '@/lib/docker/transfer/archives';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = handle<{ ref: string }>(async (req, { params }) =>
  tarDownload(req, await saveImages([imageRefParam.parse((await params).ref)])),
);
