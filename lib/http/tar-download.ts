// An image archive as a download: the engine's tar stream handed straight to the browser. If the
// browser goes away, the engine's stream is closed too, so nothing keeps running for nobody.
import 'server-only';
import { Readable } from 'node:stream';
import { archiveFilename } from '@/lib/api/build';
import { batchChunks } from '@/lib/http/batch-chunks';
import type { SaveSource } from '@/lib/docker/transfer/archives';

export function tarDownload(req: Request, source: SaveSource): Response {
  const batched = source.stream.pipe(batchChunks());
  source.stream.on('error', (error) => batched.destroy(error));
  req.signal.addEventListener('abort', () => {
    source.stream.destroy();
    batched.destroy();
  });
  return new Response(Readable.toWeb(batched) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/x-tar',
      'Content-Disposition': `attachment; filename="${archiveFilename(source.names)}"`,
      // no-transform: Next would otherwise gzip the archive on the fly, which costs more CPU than the
      // whole save (layers are mostly compressed or random already) and made saves 6× slower.
      'Cache-Control': 'no-store, no-transform',
      // About how big the archive will be (the images' sizes, shared layers once), for a progress bar.
      'X-Strata-Estimated-Bytes': String(source.estimatedBytes),
    },
  });
}
