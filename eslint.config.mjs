import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  { ignores: ['reports/**', 'screenshots/**'] },
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  {
    // Its reference regexp is exponential on crafted names (a server-freezing ReDoS); it stays a dev
    // dependency only as the oracle the grammar's fuzz test compares with.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@swimlane/docker-reference', message: 'Use lib/reference.ts (or lib/reference-grammar.ts).' }] }],
    },
  },
];
export default config;
