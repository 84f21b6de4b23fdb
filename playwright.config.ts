import { defineConfig } from '@playwright/test';

// Two servers from one build: one on the sandbox engine, one pointed at a socket where nothing
// listens, to check what a person sees when the engine is down.
const sandboxDir = process.env.STRATA_SANDBOX_DIR ?? '/tmp/strata-test';
const port = Number(process.env.E2E_PORT ?? 3100);
const downPort = port + 1;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } as Record<string, string>;

export default defineConfig({
  testDir: 'e2e',
  // The specs share one engine and change it (tags come and go): one worker, in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      command: `npx next start -H 127.0.0.1 -p ${port}`,
      url: `http://127.0.0.1:${port}/api/engine`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...env, DOCKER_HOST: `unix://${sandboxDir}/docker.sock`, STRATA_SANDBOX: '1' },
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${downPort}`,
      url: `http://127.0.0.1:${downPort}/graph`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...env, DOCKER_HOST: `unix://${sandboxDir}/no-engine-here.sock`, STRATA_SANDBOX: '0' },
    },
  ],
});
