// Runs before every route, page, asset, API and SSE stream alike. See lib/security/request-guard.ts.
// The upload routes are the one exception: they run the same guard themselves (lib/security/guard.ts).
import { NextResponse, type NextRequest } from 'next/server';
import { guardResponse } from '@/lib/security/guard';

export function proxy(request: NextRequest) {
  return guardResponse(request) ?? NextResponse.next();
}

// Everything except the three upload routes (kept in step with UPLOAD_ROUTES; a test checks both).
export const config = { matcher: '/((?!api/build$|api/images/load$|api/images/import$).*)' };
