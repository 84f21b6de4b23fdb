import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { SANDBOX_DIR, SANDBOX_HOST } from './tests/support/sandbox';
import { BASE_PORT, DOWN_PORT, E2E_TOKEN, FAULT_PORT, HUB_PORT, MULTI_PORT, READ_ONLY_PORT, TOKEN_PORT } from './e2e/support/servers';
import { dockerConfigWithOther } from './e2e/support/contexts';

// Servers from one build: one on the sandbox engine, one pointed at a socket where nothing listens (to
// check what a person sees when the engine is down), two more on the sandbox engine for the security
// controls (one behind STRATA_TOKEN, one read-only), and one on the fault sandbox, an engine the fault
// specs stop and start (so the others' engine never goes away under them).
const port = BASE_PORT;
const downPort = DOWN_PORT;
const faultPort = FAULT_PORT;
const faultDir = process.env.STRATA_FAULT_SANDBOX_DIR ?? '/tmp/strata-fault';
const hubPort = HUB_PORT;
// Registry logins made by the specs go to a throwaway data directory, never the user's own.
const dataDir = process.env.STRATA_E2E_DATA_DIR ?? `/tmp/strata-e2e-data-${port}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', STRATA_DATA_DIR: dataDir } as Record<string, string>;
const onSandbox = { DOCKER_HOST: SANDBOX_HOST, STRATA_SANDBOX: '1', HUB_API_URL: `http://127.0.0.1:${hubPort}` };
/**
 * One `next start` of the build, through scripts/serve.sh as scripts/run.sh starts it (heap sizing and
 * keep-alive explained there); `ready` is the path Playwright polls until it answers.
 */
const appServer = (at: number, ready: string, serverEnv: Record<string, string>) => ({
  command: `scripts/serve.sh -H 127.0.0.1 -p ${at}`,
  url: `http://127.0.0.1:${at}${ready}`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { ...env, ...serverEnv },
});

// Many engines (when the other sandbox is up, see scripts/test.sh): this sandbox, the other one through
// a Docker context, and one that is down.
const multiConfig = dockerConfigWithOther(`${dataDir}-docker-config`);

export default defineConfig({
  testDir: 'e2e',
  // The specs share one engine and change it (tags come and go): one worker, in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Generous on purpose: CI is a 2-core machine running two engines, a build and Chromium at once, and a
  // page that answers in 8 s under that load is slow, not wrong. The assertions stay exact.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // scripts/test.sh runs the specs once per engine kind, each with a report and output dir of its own.
  reporter: [['list'], ['json', { outputFile: process.env.STRATA_E2E_REPORT ?? 'reports/e2e.json' }]],
  outputDir: process.env.STRATA_E2E_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Tall enough for the images list (virtualized, newest first) to render some 40 rows: the specs share
    // one engine, and what earlier specs leave behind must not push the fixtures out of the rendered rows.
    viewport: { width: 1280, height: 1400 },
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      // The Docker Hub stand-in (there is no internet here).
      command: `node scripts/hub-fixture.mjs ${hubPort}`,
      url: `http://127.0.0.1:${hubPort}/api/search/v4?query=nginx`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    // The app on the sandbox engine, with the Hub stand-in.
    appServer(port, '/api/engine', onSandbox),
    // No engine, a Hub address where nothing listens (the offline states), and read-only mode.
    appServer(downPort, '/graph', {
      DOCKER_HOST: `unix://${SANDBOX_DIR}/no-engine-here.sock`,
      STRATA_SANDBOX: '0',
      HUB_API_URL: 'http://127.0.0.1:9',
      STRATA_READ_ONLY: '1',
    }),
    // 401 counts as up for Playwright's readiness check.
    appServer(TOKEN_PORT, '/api/engine', { ...onSandbox, STRATA_TOKEN: E2E_TOKEN }),
    appServer(READ_ONLY_PORT, '/api/engine', { ...onSandbox, STRATA_READ_ONLY: '1' }),
    // A page, not /api/engine: it answers 200 even while the fault engine is stopped.
    appServer(faultPort, '/graph', {
      STRATA_DATA_DIR: `${dataDir}-fault`,
      DOCKER_HOST: `unix://${faultDir}/docker.sock`,
      STRATA_SANDBOX: '1',
      HUB_API_URL: 'http://127.0.0.1:9',
    }),
    ...(multiConfig
      ? [
          appServer(MULTI_PORT, '/api/engine', {
            ...onSandbox,
            STRATA_DATA_DIR: `${dataDir}-multi`,
            DOCKER_CONFIG: multiConfig,
            STRATA_ENGINES: `old-server=unix://${SANDBOX_DIR}/no-engine-here.sock`,
          }),
        ]
      : []),
  ],
});
