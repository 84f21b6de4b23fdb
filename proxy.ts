// Runs before every route, page, asset, API and SSE stream alike. See lib/security/request-guard.ts.
import { NextResponse, type NextRequest } from 'next/server';
import { checkRequest } from '@/lib/security/request-guard';

export function proxy(request: NextRequest) {
  const verdict = checkRequest(request, {
    bindHost: process.env.STRATA_HOST,
    allowedHosts: process.env.STRATA_ALLOWED_HOSTS,
    port: process.env.PORT,
    readOnly: process.env.STRATA_READ_ONLY === '1',
  });
  if (verdict.ok) return NextResponse.next();
  return NextResponse.json({ error: { code: verdict.code, message: verdict.message } }, { status: verdict.status });
}

export const config = { matcher: '/:path*' };
