// One file out of an image as a download: always an attachment, never sniffed, sandboxed if a browser
// opened it anyway, so a file from an image (an HTML page, a script, an SVG) is never rendered or run
// under Strata's origin. The type names what the bytes are where that is harmless; anything a browser
// could execute goes as plain bytes.
import 'server-only';
import { Readable } from 'node:stream';
import { batchChunks } from '@/lib/http/batch-chunks';
import type { LayerFile } from '@/lib/docker/analysis/layer-file';

const SAFE_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  conf: 'text/plain; charset=utf-8',
  md: 'text/plain; charset=utf-8',
  log: 'text/plain; charset=utf-8',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  zip: 'application/zip',
  pdf: 'application/pdf',
};

export function contentTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (extension && SAFE_TYPES[extension]) || 'application/octet-stream';
}

/** `filename=` for old clients (ASCII, no quotes or slashes) and `filename*=` (RFC 5987) for the real name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\/;]/g, '_') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function fileDownload(req: Request, file: LayerFile): Response {
  const body = file.body.pipe(batchChunks(256 * 1024));
  file.body.on('error', (error) => body.destroy(error));
  req.signal.addEventListener('abort', () => file.body.destroy());
  const name = file.path.split('/').at(-1) ?? 'file';
  return new Response(Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': contentTypeOf(name),
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'no-store, no-transform',
      'X-Strata-Layer': String(file.layer),
      'X-Strata-Resolved-Path': encodeURIComponent(file.resolvedPath),
    },
  });
}
