/** @type {import('next').NextConfig} */
module.exports = {
  // dockerode and its transport must run as plain Node modules: bundling breaks ssh2's optional native part.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features'],
  poweredByHeader: false,
  // Never framed (clickjacking), no MIME sniffing, no referrer leaking image names to other sites.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
  reactStrictMode: true,
};
