/** @type {import('next').NextConfig} */
module.exports = {
  // dockerode and its transport must run as plain Node modules: bundling breaks ssh2's optional native part.
  serverExternalPackages: ['dockerode', 'docker-modem', 'ssh2', 'cpu-features'],
  poweredByHeader: false,
  reactStrictMode: true,
};
