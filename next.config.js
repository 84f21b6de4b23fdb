/** @type {import('next').NextConfig} */
module.exports = {
  // dockerode and its transport must run as plain Node modules: bundling breaks ssh2's optional native part.
  // The CycloneDX library probes for optional XML plugins (libxmljs2, xmlbuilder2) with require in try
  // blocks, which a bundler reads as hard imports; as a plain Node module it finds them missing and goes on.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features', 'protobufjs', '@cyclonedx/cyclonedx-library'],
  poweredByHeader: false,
  // The proxy copies a request's body to hand it on; JSON writes are 64 KiB at most (the guard refuses
  // larger ones from their Content-Length first), so it never holds more. The upload routes bypass it.
  experimental: { proxyClientMaxBodySize: 64 * 1024 },
  // Never framed (clickjacking), no MIME sniffing, no referrer leaking image names to other sites.
  // proxy.ts sets these too, on every answer including its own refusals, plus the Content-Security-Policy
  // with a fresh nonce per request (lib/security/csp.ts); these stay for anything the proxy does not answer.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
  reactStrictMode: true,
};
