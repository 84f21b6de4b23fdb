import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // 'server-only' throws outside React Server Components; tests run lib/docker in plain Node.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // Integration tests share one sandbox engine: keep them in one worker so they never race.
    fileParallelism: false,
    testTimeout: 30_000,
    // Integration hooks build images; on a busy 2-core machine that outlasts vitest's 10 s default.
    hookTimeout: 60_000,
    // Integration tests compare Strata with the engine right after changing it from the CLI; they
    // read through the cache-less path. The snapshot cache has tests of its own.
    // …and nothing a test writes (audit log, logins, layer cache) lands in the user's ~/.strata.
    // (STRATA_VITEST_DATA_DIR moves it, so runs on two engines side by side keep apart.)
    env: {
      STRATA_SNAPSHOT_CACHE: 'off',
      STRATA_LIST_FIRST_ROWS: 'off',
      STRATA_DATA_DIR: process.env.STRATA_VITEST_DATA_DIR ?? '/tmp/strata-vitest-data',
    },
  },
});
