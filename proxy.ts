// Runs before every route, page, asset, API and SSE stream alike: the screen in lib/security/guard.ts
// (Host and Origin, token, CSP nonce and headers). The three upload routes run the same screen
// themselves, because Next would buffer and cut their bodies if they passed through here.
import { NextResponse, type NextRequest } from 'next/server';
import { screen, withHeaders } from '@/lib/security/guard';

export async function proxy(request: NextRequest) {
  const screened = await screen(request);
  if (screened instanceof NextResponse) return screened;
  // Next.js takes the nonce for its own scripts from the request's CSP header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', screened.csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), screened.csp);
}

// Everything except the upload routes (UPLOAD_ROUTES in lib/security/guard.ts; a test keeps both in step).
export const config = { matcher: '/((?!api/build$|api/images/load$|api/images/import$).*)' };
