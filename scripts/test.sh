#!/usr/bin/env bash
# Strata's one test command: lint, typecheck, unit tests, integration tests against a private sandbox
# engine, and end-to-end tests in Debian's Chromium. Ends with `tests: N passed, M failed`.
# Never touches the default Docker socket: everything runs against the sandbox in STRATA_SANDBOX_DIR.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export STRATA_SANDBOX_DIR="${STRATA_TEST_SANDBOX_DIR:-/tmp/strata-test}"
export STRATA_REGISTRY_PORT="${STRATA_TEST_REGISTRY_PORT:-5556}"
export DOCKER_HOST="unix://$STRATA_SANDBOX_DIR/docker.sock"
export STRATA_SANDBOX=1

scripts/install-deps.sh --engine --browser || exit 1

cleanup() { scripts/sandbox.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

scripts/sandbox.sh start || { echo "tests: 0 passed, 1 failed"; exit 1; }
scripts/fixtures.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }

status=0
rm -rf reports test-results && mkdir -p reports

echo "== lint"; npx eslint . || status=1
echo "== typecheck"; npx tsc --noEmit || status=1

echo "== unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1

echo "== build"
if npx next build >reports/build.log 2>&1; then
  echo "== end-to-end tests (Playwright, $(${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null))"
  npx playwright test || status=1
else
  tail -40 reports/build.log; status=1
fi

node scripts/count-results.mjs reports/vitest.json reports/e2e.json || status=1
[ "$status" = 0 ] || echo "(lint, typecheck, build or a test failed: see above)" >&2
exit "$status"
