import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StrataError } from '@/lib/api/errors';
import { engineAddress, engineMessage, translateEngineError } from '@/lib/docker/engine/client';

const HINT =
  'Is Docker running there? Start it (for example `sudo systemctl start docker`), or point DOCKER_HOST or the Docker context at your engine.';
/** An error shaped the way docker-modem builds one. */
const modemError = (statusCode: number, reason: string, message: string, json: { message: string } | null) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${message} `), { statusCode, reason, json });

beforeEach(() => vi.stubEnv('DOCKER_HOST', ''));
afterEach(() => vi.unstubAllEnvs());

describe('engineAddress', () => {
  it('uses DOCKER_HOST, else the default socket', () => {
    expect(engineAddress()).toBe('unix:///var/run/docker.sock');
    vi.stubEnv('DOCKER_HOST', 'tcp://10.0.0.2:2375');
    expect(engineAddress()).toBe('tcp://10.0.0.2:2375');
  });

  it('never shows a password given in DOCKER_HOST', () => {
    vi.stubEnv('DOCKER_HOST', 'ssh://deploy:s3cret@build-host:22');
    expect(engineAddress()).toBe('ssh://deploy@build-host:22');
    vi.stubEnv('DOCKER_HOST', 'ssh://deploy@build-host');
    expect(engineAddress()).toBe('ssh://deploy@build-host');
  });
});

describe('engineMessage', () => {
  it('prefers the engine JSON message', () => {
    expect(engineMessage({ json: { message: 'No such image: nosuch:1\n' }, message: '(HTTP code 404) no such image - x ' })).toBe(
      'No such image: nosuch:1',
    );
  });

  it('strips the "(HTTP code 409) conflict - " prefix when there is no JSON', () => {
    const error = modemError(
      409,
      'conflict',
      'conflict: unable to delete 4922df7e4163 (must be forced) - image is referenced in multiple repositories',
      null,
    );
    expect(engineMessage(error)).toBe(
      'conflict: unable to delete 4922df7e4163 (must be forced) - image is referenced in multiple repositories',
    );
  });

  it('strips multi-word reasons such as "unexpected" and "no such image"', () => {
    expect(engineMessage(modemError(404, 'unexpected', 'manifest for localhost:5000/nope:v1 not found: manifest unknown', null))).toBe(
      'manifest for localhost:5000/nope:v1 not found: manifest unknown',
    );
    expect(engineMessage({ message: '(HTTP code 404) no such image - No such image: app:9 ' })).toBe('No such image: app:9');
  });

  it('leaves other messages alone and copes with none', () => {
    expect(engineMessage({ message: 'socket hang up' })).toBe('socket hang up');
    expect(engineMessage({})).toBe('');
  });
});

describe('translateEngineError', () => {
  it('reports a refused connection as engine_unreachable (503) with the address', () => {
    const error = translateEngineError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(error.code).toBe('engine_unreachable');
    expect(error.status).toBe(503);
    expect(error.message).toBe(`Cannot reach the Docker engine "default" at unix:///var/run/docker.sock (ECONNREFUSED). ${HINT}`);
    expect(error.details).toEqual({ engine: 'default', address: 'unix:///var/run/docker.sock', cause: 'ECONNREFUSED' });
  });

  it('reports a missing socket (ENOENT) at the DOCKER_HOST address', () => {
    vi.stubEnv('DOCKER_HOST', 'unix:///tmp/strata-sbx/docker.sock');
    const error = translateEngineError({ code: 'ENOENT' });
    expect(error.code).toBe('engine_unreachable');
    expect(error.details).toEqual({ engine: 'default', address: 'unix:///tmp/strata-sbx/docker.sock', cause: 'ENOENT' });
    expect(error.message).toContain('at unix:///tmp/strata-sbx/docker.sock (ENOENT)');
  });

  it('explains a permission problem (EACCES) differently', () => {
    expect(translateEngineError({ code: 'EACCES' }).message).toContain('run it as a user in the docker group, or as root');
  });

  it('maps 404, 409 and 400 to not_found, conflict and invalid_input with the engine’s words', () => {
    const notFound = translateEngineError(
      modemError(404, 'no such image', 'No such image: nosuch:tag', { message: 'No such image: nosuch:tag' }),
    );
    expect([notFound.code, notFound.status, notFound.message]).toEqual(['not_found', 404, 'No such image: nosuch:tag']);
    const conflict = translateEngineError(
      modemError(409, 'conflict', 'conflict: unable to delete 4922df7e4163 (cannot be forced) - image has dependent child images', null),
    );
    expect([conflict.code, conflict.status, conflict.message]).toEqual([
      'conflict',
      409,
      'conflict: unable to delete 4922df7e4163 (cannot be forced) - image has dependent child images',
    ]);
    const bad = translateEngineError(
      modemError(400, 'bad parameter', "Invalid filter 'dangling=[maybe]'", { message: "Invalid filter 'dangling=[maybe]'" }),
    );
    expect([bad.code, bad.status, bad.message]).toEqual(['invalid_input', 400, "Invalid filter 'dangling=[maybe]'"]);
  });

  it('turns 20.10’s 500 "invalid reference format" into invalid_reference (400)', () => {
    const message = 'invalid reference format: repository name must be lowercase';
    const error = translateEngineError(modemError(500, 'server error', message, { message }));
    expect([error.code, error.status, error.message]).toEqual(['invalid_reference', 400, message]);
    expect(translateEngineError(modemError(500, 'server error', 'invalid tag format', null)).code).toBe('invalid_reference');
  });

  it('reports other engine failures as upstream_failed (502)', () => {
    const dns = 'Get "https://index.docker.io/v1/search?q=nginx&n=5": dial tcp: lookup index.docker.io: no such host';
    const error = translateEngineError(modemError(500, 'server error', dns, { message: dns }));
    expect([error.code, error.status, error.message]).toEqual(['upstream_failed', 502, `The Docker engine reported an error: ${dns}`]);
    const other = translateEngineError(modemError(418, 'unexpected', 'teapot', null));
    expect([other.code, other.message]).toEqual(['upstream_failed', 'The Docker engine answered 418: teapot']);
    // A registry login the engine refused is the user's to fix, not an upstream failure.
    const refused = translateEngineError(modemError(401, 'unexpected', 'unauthorized', null));
    expect([refused.code, refused.status]).toEqual(['unauthorized', 401]);
  });

  it('keeps a StrataError as it is and treats anything else as internal', () => {
    const own = new StrataError('conflict', 'busy');
    expect(translateEngineError(own)).toBe(own);
    // Transport failures may name local paths (certificates, ssh keys): the client gets a generic message.
    const generic = 'The connection to the Docker engine "default" failed. The server log has the details.';
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(translateEngineError(new Error('open /home/me/.docker/key.pem: denied'))).toMatchObject({ code: 'internal', message: generic });
    expect(translateEngineError(undefined)).toMatchObject({ code: 'internal', message: generic });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
