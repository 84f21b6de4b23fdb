// The export (`docker save`) of one image, or of one platform of a multi-platform image: the analysis
// and the config reader stream it. `/images/get?names=…&platform=…` (API 1.48+) writes only that
// platform's manifest, config and layers (checked on 1.51); dockerode's `image.get()` takes no options.
import 'server-only';
import type { Readable } from 'node:stream';
import { engine } from '@/lib/docker/engine/client';

/** `query` is a PlatformChoice's (`{}` for the whole image, as before). */
export async function openExport(name: string, query: Record<string, string> = {}): Promise<Readable> {
  if (!query.platform) return (await engine((docker) => docker.getImage(name).get(), { stream: true })) as unknown as Readable;
  return engine(
    (docker) =>
      new Promise<Readable>((resolve, reject) => {
        docker.modem.dial(
          {
            path: '/images/get?',
            method: 'GET',
            isStream: true,
            statusCodes: { 200: true, 400: 'bad parameter', 404: 'not found', 500: 'server error' },
            options: { _query: { names: name, platform: query.platform } },
          },
          (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Readable)),
        );
      }),
    { stream: true },
  );
}
