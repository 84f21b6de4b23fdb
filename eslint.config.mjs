import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Boundaries (docs/architecture.md). Flat config replaces a rule rather than merging it, so each group
// below lists every restriction that applies to its files.
const everywhere = [
  // Its reference regexp is exponential on crafted names (a server-freezing ReDoS); it stays a dev
  // dependency only as the oracle the grammar's fuzz test compares with.
  { name: '@swimlane/docker-reference', message: 'Use lib/reference.ts (or lib/reference-grammar.ts).' },
  { name: 'dockerode', message: 'Only lib/docker/engine/client.ts talks to dockerode; call engine() or dial() from there.' },
  { name: 'zod', importNames: ['z'], message: "Import z from '@/lib/api/zod', where it is configured to run under the page's CSP." },
];
const serverOnly = {
  group: [
    '@/lib/docker',
    '@/lib/docker/**',
    '@/lib/hub',
    '@/lib/hub/**',
    '@/lib/http',
    '@/lib/http/**',
    '@/lib/registries',
    '@/lib/registries/**',
  ],
  message: 'Server-only code: the browser and the contracts (lib/api) may not import lib/docker, lib/hub, lib/http or lib/registries.',
};
const views = {
  group: ['@/components', '@/components/**'],
  message: 'lib never imports components: views depend on lib, not the other way round.',
};
const appFormatter = {
  group: ['**/lib/format', '@/lib/format'],
  message: "e2e works out the figures it expects itself (e2e/support/bytes.ts), never with the app's own formatter.",
};
const restrict = ({ paths = everywhere, patterns = [] } = {}) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
const except = (name) => everywhere.filter((entry) => entry.name !== name);

const config = [
  { ignores: ['reports/**', 'screenshots/**'] },
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  // Tests may reach across layers (they drive the real thing from outside) and use the fuzz oracle.
  { ignores: ['**/*.test.ts'], rules: restrict() },
  { files: ['components/**'], ignores: ['**/*.test.ts'], rules: restrict({ patterns: [serverOnly] }) },
  { files: ['lib/**'], ignores: ['**/*.test.ts'], rules: restrict({ patterns: [views] }) },
  { files: ['lib/api/**'], ignores: ['**/*.test.ts'], rules: restrict({ patterns: [serverOnly, views] }) },
  { files: ['lib/queries/**'], ignores: ['**/*.test.ts'], rules: restrict({ patterns: [serverOnly, views] }) },
  { files: ['lib/docker/engine/client.ts'], rules: restrict({ paths: except('dockerode'), patterns: [views] }) },
  { files: ['lib/api/zod.ts'], rules: restrict({ paths: except('zod'), patterns: [serverOnly, views] }) },
  { files: ['e2e/**'], rules: restrict({ patterns: [appFormatter] }) },
  // Files small enough to read in one sitting (house style): split by responsibility before 300 lines.
  // Tests are exempt; a spec reads as a list of cases.
  { ignores: ['**/*.test.ts', '**/*.test.tsx', 'tests/**', 'e2e/**'], rules: { 'max-lines': ['error', { max: 300 }] } },
];
export default config;
