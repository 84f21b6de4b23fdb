import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZodError, z } from 'zod';
import { StrataError, isErrorBody, statusForCode } from '@/lib/api/errors';
import { errorResponse, handle, readJson, toStrataError } from '@/lib/http/handle';
import { imageRefParam } from '@/lib/api/references';

const GENERIC = 'Something went wrong inside Strata. The server log has the details.';
const zodErrorOf = (run: () => unknown): ZodError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ZodError) return error;
  }
  throw new Error('expected a ZodError');
};

afterEach(() => vi.restoreAllMocks());

describe('toStrataError', () => {
  it('passes a StrataError through unchanged', () => {
    const error = new StrataError('not_found', 'No image named app:9');
    expect(toStrataError(error)).toBe(error);
  });

  it('turns an invalid image reference into invalid_reference with its message', () => {
    const error = toStrataError(zodErrorOf(() => imageRefParam.parse('Nginx')));
    expect([error.code, error.status, error.message]).toEqual([
      'invalid_reference',
      400,
      '“Nginx” has capital letters in its repository name; repository names must be lowercase.',
    ]);
  });

  it('turns any other ZodError into invalid_input with the first issue message', () => {
    const error = toStrataError(zodErrorOf(() => z.object({ force: z.boolean() }).parse({ force: 'yes' })));
    expect(error.code).toBe('invalid_input');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/expected boolean/);
  });

  it('hides unknown causes behind a generic internal error', () => {
    const error = toStrataError(new TypeError('secret path /etc/shadow'));
    expect([error.code, error.status, error.message]).toEqual(['internal', 500, GENERIC]);
    expect(toStrataError('a string').code).toBe('internal');
  });
});

describe('errorResponse', () => {
  it('sends 400 with the one error shape for a ZodError', async () => {
    const response = errorResponse(zodErrorOf(() => imageRefParam.parse('app:-x')));
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: {
        code: 'invalid_reference',
        message: '“-x” is not a valid tag: a tag is 1–128 letters, digits, “_”, “.” or “-”, and cannot start with “.” or “-”.',
      },
    });
  });

  it('sends 404 for not_found, with details when there are some, and logs nothing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(new StrataError('not_found', 'No image named app:9 on this engine.', { ref: 'app:9' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No image named app:9 on this engine.', details: { ref: 'app:9' } },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('sends 500 with a generic message for unknown causes and logs the real one', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const cause = new Error('db password is hunter2');
    const response = errorResponse(cause);
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ error: { code: 'internal', message: GENERIC } });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(log).toHaveBeenCalledWith('[strata] unexpected error', cause);
  });

  it('maps every error code to the status in the house style', () => {
    expect(statusForCode).toEqual({
      invalid_input: 400,
      invalid_reference: 400,
      unauthorized: 401,
      not_found: 404,
      conflict: 409,
      forbidden: 403,
      engine_unreachable: 503,
      engine_timeout: 504,
      upstream_failed: 502,
      rate_limited: 429,
      too_large: 413,
      request_timeout: 408,
      internal: 500,
    });
  });
});

describe('handle', () => {
  const ctx = { params: Promise.resolve({ ref: 'Nginx' }) };

  it('returns the result as JSON that is never cached', async () => {
    const response = await handle(async () => ({ images: [] }))(new Request('http://localhost/api/images'), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ images: [] });
  });

  it('passes a Response through as it is', async () => {
    const own = new Response('stream', { status: 202 });
    expect(await handle(async () => own)(new Request('http://localhost/'), { params: Promise.resolve({}) })).toBe(own);
  });

  it('turns a throw inside the handler into the error response', async () => {
    const route = handle<{ ref: string }>(async (_req, { params }) => imageRefParam.parse((await params).ref));
    const response = await route(new Request('http://localhost/api/images/Nginx'), ctx);
    expect(response.status).toBe(400);
    const body: unknown = await response.json();
    expect(isErrorBody(body) && body.error.code).toBe('invalid_reference');
  });
});

describe('readJson', () => {
  const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    new Request('http://localhost/api/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('counts bytes, not characters: 30 000 three-byte characters are over 64 KiB', async () => {
    await expect(readJson(post(JSON.stringify({ ref: '€'.repeat(30_000) })))).rejects.toMatchObject({
      code: 'invalid_input',
      message: /too large/,
    });
  });

  it('stops reading a body without Content-Length as soon as it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
      },
    });
    await expect(readJson(post(endless))).rejects.toMatchObject({ code: 'invalid_input', message: /too large/ });
    expect(pulled).toBeLessThan(10);
  });

  it('refuses bytes that are not UTF-8', async () => {
    await expect(readJson(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).rejects.toMatchObject({
      code: 'invalid_input',
      message: /UTF-8/,
    });
  });

  it('parses a body just under the limit', async () => {
    expect(await readJson(post(JSON.stringify({ ref: 'a'.repeat(60_000) })))).toEqual({ ref: 'a'.repeat(60_000) });
  });
});
