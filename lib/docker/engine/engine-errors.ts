// Engine failures in the one error shape: unreachable, timed out, refused by the transport (TLS, ssh),
// or the engine's own answer with its status, in its own words without dockerode's prefix.
import 'server-only';
import { StrataError } from '@/lib/api/errors';
import { printableAddress } from '@/lib/docker/engine/engines';
import { activeEngine } from '@/lib/docker/engine/scope';
import { transportFailure } from '@/lib/docker/engine/transport-errors';

/** Where the active engine is, for messages a person reads; a password in it is removed. */
export function engineAddress(): string {
  return printableAddress(activeEngine().address);
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface EngineErrorLike {
  code?: string;
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

/** The engine's own words, without dockerode's "(HTTP code 409) conflict - " prefix. */
export function engineMessage(cause: EngineErrorLike): string {
  const fromJson = cause.json?.message;
  if (fromJson) return fromJson.trim();
  return (cause.message ?? '').replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

export function translateEngineError(cause: unknown): StrataError {
  if (cause instanceof StrataError) return cause;
  const error = (cause ?? {}) as EngineErrorLike;
  const { name } = activeEngine();
  if (error.code && UNREACHABLE.has(error.code)) {
    const address = engineAddress();
    const hint =
      error.code === 'EACCES'
        ? 'Strata may not use that socket: run it as a user in the docker group, or as root.'
        : 'Is Docker running there? Start it (for example `sudo systemctl start docker`), or point DOCKER_HOST or the Docker context at your engine.';
    return new StrataError('engine_unreachable', `Cannot reach the Docker engine "${name}" at ${address} (${error.code}). ${hint}`, {
      engine: name,
      address,
      cause: error.code,
    });
  }
  // Strata itself ended the call (a cancelled build, a refused upload): not an engine failure.
  if ((cause as { name?: string } | null)?.name === 'AbortError')
    return new StrataError('invalid_input', 'The request was cancelled before the engine finished it.');
  // TLS refused, ssh denied: the transport's own failure, said in words without paths or key material.
  const transport = transportFailure(cause, name, engineAddress());
  if (transport) return transport;
  const message = engineMessage(error) || 'The Docker engine failed without saying why.';
  switch (error.statusCode) {
    case 400:
      return new StrataError('invalid_input', message);
    case 401:
      return new StrataError('unauthorized', message);
    case 404:
      return new StrataError('not_found', message);
    case 409:
      return new StrataError('conflict', message);
    case 500:
      // 20.10 answers bad names in tag requests with 500 rather than 400.
      if (/invalid reference format|invalid tag format/.test(message)) return new StrataError('invalid_reference', message);
      return new StrataError('upstream_failed', `The Docker engine reported an error: ${message}`);
    default:
      if (error.statusCode) return new StrataError('upstream_failed', `The Docker engine answered ${error.statusCode}: ${message}`);
      // No status: a transport failure Strata does not know. Its text may name local paths: log it, say less.
      console.error('[strata] engine call failed', cause);
      return new StrataError('internal', `The connection to the Docker engine "${name}" failed. The server log has the details.`);
  }
}
