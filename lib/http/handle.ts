// Route handler wrapper: one place that turns any thrown cause into the one error shape and status.
import 'server-only';
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { ENGINE_NAME, ENGINE_PARAM } from '@/lib/api/engines';
import { StrataError } from '@/lib/api/errors';
import { engineSpec } from '@/lib/docker/engine/engines';
import { onEngine } from '@/lib/docker/engine/scope';
import { appendAudit, clientOf, targetOf } from '@/lib/security/audit';
import { securityHeaders } from '@/lib/security/csp';
import { screenUpload } from '@/lib/security/guard';

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: RouteContext<P>) => Promise<unknown>;

export function toStrataError(cause: unknown): StrataError {
  if (cause instanceof StrataError) return cause;
  if (cause instanceof ZodError) {
    const issue = cause.issues[0];
    const isRef = issue?.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === 'invalid_reference';
    return new StrataError(isRef ? 'invalid_reference' : 'invalid_input', issue?.message ?? 'Invalid input.');
  }
  return new StrataError('internal', 'Something went wrong inside Strata. The server log has the details.');
}

export function errorResponse(cause: unknown): NextResponse {
  const error = toStrataError(cause);
  // Only unexpected failures are logged with their stack; expected ones are the caller's business.
  if (error.code === 'internal') console.error('[strata] unexpected error', cause);
  return NextResponse.json(error.toBody(), { status: error.status, headers: { 'Cache-Control': 'no-store' } });
}

/** The engine a request names with `engine=`; none means the current engine. */
function requestedEngine(req: Request): string | null {
  const name = new URL(req.url).searchParams.get(ENGINE_PARAM);
  if (name === null || name === '') return null;
  if (!ENGINE_NAME.test(name))
    throw new StrataError(
      'invalid_input',
      'An engine name is letters, digits and . _ + - (as a Docker context name), at most 64 characters.',
    );
  return name;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface HandleOptions {
  /**
   * An upload route (build, load, import): proxy.ts leaves it out so its body streams uncut, so the
   * route runs the same screen first (Host, Origin, read-only, token) and sets the same headers.
   */
  upload?: boolean;
}

export function handle<P = Record<string, never>>(fn: Handler<P>, options: HandleOptions = {}) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    let response: Response;
    let csp: string | null = null;
    if (options.upload) {
      const screened = await screenUpload(req);
      if (screened instanceof Response) return audited(req, screened);
      csp = screened.csp;
    }
    try {
      const result = await onEngine(requestedEngine(req), () => fn(req, ctx));
      response = result instanceof Response ? result : NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (cause) {
      response = errorResponse(cause);
    }
    if (csp) for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
    return audited(req, response);
  };
}

/** Every write is recorded — dry runs and refusals included, since a preview is also an action someone took. */
async function audited(req: Request, response: Response): Promise<Response> {
  if (WRITES.has(req.method.toUpperCase())) {
    await appendAudit({
      time: new Date().toISOString(),
      client: clientOf(req),
      method: req.method.toUpperCase(),
      target: targetOf(req),
      engine: auditedEngine(req),
      status: response.status,
    });
  }
  return response;
}

function auditedEngine(req: Request): string {
  const named = new URL(req.url).searchParams.get(ENGINE_PARAM);
  if (named) return named.slice(0, 64);
  try {
    return engineSpec(null).name;
  } catch {
    return 'unknown';
  }
}

const MAX_BODY_BYTES = 64 * 1024;

const TOO_LARGE = 'The request body is too large (64 KiB at most).';

/** The body's bytes, refused as soon as it passes the limit: a huge or endless body is never buffered. */
async function readBounded(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new StrataError('invalid_input', TOO_LARGE);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A write's JSON body: only `application/json`, at most 64 KiB (bytes, not characters), parsed — or a 400 that says why. */
export async function readJson(req: Request): Promise<unknown> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new StrataError('invalid_input', 'Send the body as JSON (Content-Type: application/json).');
  }
  if (Number(req.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new StrataError('invalid_input', TOO_LARGE);
  const bytes = await readBounded(req, MAX_BODY_BYTES).catch((error: unknown) => {
    throw error instanceof StrataError ? error : new StrataError('invalid_input', 'The request body could not be read to its end.');
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StrataError('invalid_input', 'The request body is not valid UTF-8 JSON.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StrataError('invalid_input', 'The request body is not valid JSON.');
  }
}

/** `?force=1|true` on a DELETE. */
export function forceParam(req: Request): boolean {
  const value = new URL(req.url).searchParams.get('force');
  return value === '1' || value === 'true';
}
