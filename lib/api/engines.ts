// The engines Strata knows (Docker contexts, DOCKER_HOST, STRATA_ENGINES) and the `engine=` parameter
// every route and page takes.
import type { ImageStore } from '@/lib/api/engine';
import type { ErrorLine } from '@/lib/api/errors';
import { z } from '@/lib/api/zod';

/** Where an engine came from: a Docker context, DOCKER_HOST / the default socket, or STRATA_ENGINES. */
export type EngineSource = 'context' | 'env' | 'config';

/** The Docker CLI's rule for context names, which Strata's own engine names follow too. */
export const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]{0,63}$/;

export interface EngineEntry {
  name: string;
  /** unix://, tcp:// or ssh:// address, without any password. */
  address: string;
  source: EngineSource;
  /** The engine the Docker CLI would use here; pages without `engine=` show it. */
  current: boolean;
  /** Which transport: a local socket, TCP with TLS, plain TCP, or ssh. */
  transport: 'unix' | 'tls' | 'tcp' | 'ssh';
  reachable: boolean;
  version: string | null;
  apiVersion: string | null;
  imageStore: ImageStore | null;
  /** Why it did not answer, in words (never a key, a certificate or a path to one). */
  error: { code: string; message: string } | null;
}

export interface EnginesResponse {
  engines: EngineEntry[];
}

/** The query parameter that picks the engine; absent means the current one. */
export const ENGINE_PARAM = 'engine';

/** POST /api/images/{ref}/copy?engine=A: the body names where to. */
export const copyBodySchema = z.object({
  to: z.string().regex(ENGINE_NAME, 'Name the engine to copy to (letters, digits and . _ + -).'),
});

export type CopyEvent =
  | { kind: 'start'; from: string; to: string; names: string[]; estimatedBytes: number }
  | { kind: 'progress'; bytes: number; estimatedBytes: number }
  | { kind: 'output'; line: string }
  | { kind: 'done'; loaded: string[]; bytes: number }
  | ErrorLine;
