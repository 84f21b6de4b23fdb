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

# Steps that are not tests (install, lint, typecheck, build) still count as a failure when they fail,
# so the closing line never says "0 failed" for a broken run.
step_failures=0
finish() {
  node scripts/count-results.mjs --extra-failures "$step_failures" reports/vitest.json reports/vitest-prune.json reports/e2e.json
  exit $?
}

# Each destructive suite gets an engine of its own; every directory and port can be moved by env, so
# two checkouts can run this side by side.
PRUNE_SANDBOX_DIR="${STRATA_TEST_PRUNE_SANDBOX_DIR:-/tmp/strata-prune}"
PRUNE_REGISTRY_PORT="${STRATA_TEST_PRUNE_REGISTRY_PORT:-5559}"
# The fault specs stop and start this engine mid-session (e2e/faults.spec.ts).
export STRATA_FAULT_SANDBOX_DIR="${STRATA_TEST_FAULT_SANDBOX_DIR:-/tmp/strata-fault}"
export STRATA_FAULT_REGISTRY_PORT="${STRATA_TEST_FAULT_REGISTRY_PORT:-5560}"
export E2E_PORT="${E2E_PORT:-3100}"
export STRATA_E2E_DATA_DIR="${STRATA_E2E_DATA_DIR:-/tmp/strata-e2e-data-$E2E_PORT}"
fault_sandbox() { STRATA_SANDBOX_DIR="$STRATA_FAULT_SANDBOX_DIR" STRATA_REGISTRY_PORT="$STRATA_FAULT_REGISTRY_PORT" DOCKER_HOST="unix://$STRATA_FAULT_SANDBOX_DIR/docker.sock" scripts/sandbox.sh "$@"; }
cleanup() {
  scripts/sandbox.sh stop >/dev/null 2>&1 || true
  STRATA_SANDBOX_DIR="$PRUNE_SANDBOX_DIR" scripts/sandbox.sh stop >/dev/null 2>&1 || true
  fault_sandbox stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Only this run's own e2e data (another checkout may be using its own beside it).
rm -rf reports test-results "$STRATA_E2E_DATA_DIR" "$STRATA_E2E_DATA_DIR-fault" && mkdir -p reports

if ! scripts/install-deps.sh --engine --browser; then
  echo "tests: 0 passed, 1 failed"; exit 1
fi
# Every run starts from an empty sandbox, so what an earlier run left behind cannot change a result.
if ! scripts/sandbox.sh reset || ! scripts/sandbox.sh start || ! scripts/fixtures.sh; then
  echo "tests: 0 passed, 1 failed"; exit 1
fi

echo "== lint"; npx eslint . || step_failures=$((step_failures + 1))
echo "== typecheck"; npx tsc --noEmit || step_failures=$((step_failures + 1))

echo "== unit and integration tests (vitest)"
npx vitest run --exclude 'tests/prune/**' --reporter=default --reporter=json --outputFile.json=reports/vitest.json

# A real `prune -a` empties an engine, so the prune tests get a sandbox engine of their own.
echo "== prune tests (vitest, on their own sandbox engine)"
(
  export STRATA_SANDBOX_DIR="$PRUNE_SANDBOX_DIR" STRATA_REGISTRY_PORT="$PRUNE_REGISTRY_PORT" DOCKER_HOST="unix://$PRUNE_SANDBOX_DIR/docker.sock"
  scripts/sandbox.sh reset && scripts/sandbox.sh start && scripts/fixtures.sh &&
    npx vitest run tests/prune --reporter=default --reporter=json --outputFile.json=reports/vitest-prune.json
  scripts/sandbox.sh stop
)

echo "== build"
if npx next build >reports/build.log 2>&1; then
  echo "== end-to-end tests (Playwright, $("${CHROMIUM_PATH:-/usr/bin/chromium}" --version 2>/dev/null))"
  # The fault engine needs no images of its own: the specs only stop it, start it and time the recovery.
  if fault_sandbox reset && fault_sandbox start; then
    npx playwright test
  else
    step_failures=$((step_failures + 1))
  fi
  fault_sandbox stop
else
  tail -40 reports/build.log
  step_failures=$((step_failures + 1))
fi

finish
