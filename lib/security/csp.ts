// The Content-Security-Policy, one fresh nonce per request (see proxy.ts). Next.js reads the nonce from
// the request's CSP header while rendering and puts it on its own scripts, so every page must be
// rendered per request (app/layout.tsx asks for that).

/** 16 random bytes, base64: unguessable, and valid in a CSP nonce-source. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts that a nonced script loads (Next's chunks) run; nothing else does.
    // React needs eval only in development, for its error overlays.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React's style={…} attributes and the graph library's positioning are inline styles, which a
    // nonce cannot cover (and a nonce here would switch 'unsafe-inline' off). Styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // data: and blob: for the graph's PNG/SVG export (html-to-image draws through an SVG data URL).
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every answer carries, pages, API routes and refusals alike. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Not no-referrer: under it a browser sends `Origin: null` with a form post, even a same-origin one,
    // and the CSRF check rightly refuses that (the sign-in form is a plain form post).
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}
