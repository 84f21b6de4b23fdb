// Which builders this engine has, which one it calls its default, and whether a build can have a network.
// Every Linux engine since API 1.39 builds with BuildKit through `POST /build?version=2` without a
// client session (checked on dockerd 20.10 and 28.5); the default is what `/_ping` says in its
// `Builder-Version` header (`2` on Docker 23+), as the CLI decides. RUN steps on an engine with no
// `bridge` network (the sandbox engines run with `--bridge=none`) fail with "network bridge not found"
// unless the build asks for `networkmode=none`.
import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { BuilderKind } from '@/lib/api/build';
import { compareApiVersions } from '@/lib/docker/engine/api-version';
import { engine, getConnection } from '@/lib/docker/engine/client';

export interface BuilderFacts {
  available: BuilderKind[];
  default: BuilderKind;
  /** The engine has a `bridge` network for RUN steps. */
  bridge: boolean;
}

async function pingBuilderVersion(): Promise<string | null> {
  const response = await engine(
    (docker) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        docker.modem.dial({ path: '/_ping', method: 'GET', isStream: true, statusCodes: { 200: true, 500: 'server error' } }, (err, res) =>
          err ? reject(err) : resolve(res as IncomingMessage),
        );
      }),
  );
  response.resume();
  const header = response.headers['builder-version'];
  return typeof header === 'string' ? header : null;
}

export async function builderFacts(): Promise<BuilderFacts> {
  const { apiVersion } = await getConnection();
  const [builderVersion, info, bridges] = await Promise.all([
    pingBuilderVersion().catch(() => null),
    engine((docker) => docker.version() as Promise<{ Os?: string }>),
    engine((docker) => docker.listNetworks({ filters: { name: ['bridge'] } }) as Promise<{ Name: string }[]>),
  ]);
  const buildkit = (info.Os ?? 'linux') === 'linux' && compareApiVersions(apiVersion, '1.39') >= 0;
  return {
    available: buildkit ? ['buildkit', 'classic'] : ['classic'],
    default: buildkit && builderVersion === '2' ? 'buildkit' : 'classic',
    bridge: bridges.some((network) => network.Name === 'bridge'),
  };
}
