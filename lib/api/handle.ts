// Route handler wrapper: one place that turns any thrown cause into the one error shape and status.
import 'server-only';
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { StrataError } from '@/lib/api/errors';

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

export function handle<P = Record<string, never>>(fn: Handler<P>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      const result = await fn(req, ctx);
      if (result instanceof Response) return result;
      return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (cause) {
      return errorResponse(cause);
    }
  };
}
