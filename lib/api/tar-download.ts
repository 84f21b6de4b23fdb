// An image archive as a download: the engine's tar stream handed straight to the browser. If the
// browser goes away, the engine's stream is closed too, so nothing keeps running for nobody.
import 'server-only';
import { Readable } from 'node:stream';
import { archiveFilename } from '@/lib/api/build';
import type { SaveSource } from '@/lib/docker/archives';

export function tarDownload(req: Request, source: SaveSource): Response {
  req.signal.addEventListener('abort', () => source.stream.destroy());
  return new Response(Readable.toWeb(source.stream) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': 'application/x-tar',
      'Content-Disposition': `attachment; filename="${archiveFilename(source.names)}"`,
      'Cache-Control': 'no-store',
      // About how big the archive will be (the images' sizes, shared layers once), for a progress bar.
      'X-Strata-Estimated-Bytes': String(source.estimatedBytes),
    },
  });
}
