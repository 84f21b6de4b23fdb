// The request guard as a Response: proxy.ts applies it to every request, and the upload routes (build,
// load, import) apply it themselves because they are left out of the proxy — Next buffers and cuts any
// request body that passes through a proxy at 10 MB, and an image archive is far bigger.
import { NextResponse } from 'next/server';
import { checkRequest } from '@/lib/security/request-guard';

export function guardResponse(request: Request): NextResponse | null {
  const verdict = checkRequest(request, {
    bindHost: process.env.STRATA_HOST,
    allowedHosts: process.env.STRATA_ALLOWED_HOSTS,
    port: process.env.PORT,
    readOnly: process.env.STRATA_READ_ONLY === '1',
  });
  if (verdict.ok) return null;
  return NextResponse.json({ error: { code: verdict.code, message: verdict.message } }, { status: verdict.status });
}

/** Routes whose bodies are uploads; proxy.ts skips them and they call `guardResponse` first. */
export const UPLOAD_ROUTES = ['/api/build', '/api/images/load', '/api/images/import'];
