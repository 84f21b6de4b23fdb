#!/usr/bin/env bash
# Strata's one run command. Installs what is missing, builds, and serves on http://127.0.0.1:3000
# against the engine in DOCKER_HOST or at the default socket. If no engine answers, it starts Strata's
# own sandbox engine (a private dockerd), seeds demo images, and the UI says it is a sandbox.
#   PORT=3000 STRATA_HOST=127.0.0.1 scripts/run.sh
# Binding anywhere but loopback needs STRATA_TOKEN (the server refuses too: instrumentation.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
HOST="${STRATA_HOST:-127.0.0.1}"
# Where this script itself reaches the server: a wildcard bind is reached on loopback.
case "$HOST" in
  0.0.0.0) PROBE=127.0.0.1 ;;
  ::|'[::]'|::1) PROBE='[::1]' ;;
  *:*) PROBE="[$HOST]" ;;
  *) PROBE="$HOST" ;;
esac
SERVER_PID=""
STARTED_SANDBOX=0

log() { echo "[strata] $*" >&2; }

case "$HOST" in
  localhost|127.*|::1|'[::1]') ;;
  *)
    if [ -z "${STRATA_TOKEN:-}" ]; then
      log "refusing to start: STRATA_HOST=$HOST can be reached from other machines, and whoever reaches Strata controls the Docker engine (root on this host)."
      log "set a token first, e.g.  export STRATA_TOKEN=\$(openssl rand -base64 24)  — or bind to 127.0.0.1"
      exit 1
    fi ;;
esac

# curl to our own server, with the token when there is one. The header comes from a file descriptor,
# so the token never shows in the process list.
strata_curl() {
  if [ -n "${STRATA_TOKEN:-}" ]; then
    curl -H @<(printf 'Authorization: Bearer %s\n' "$STRATA_TOKEN") "$@"
  else
    curl "$@"
  fi
}

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  if [ "$STARTED_SANDBOX" = 1 ]; then scripts/sandbox.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

scripts/install-deps.sh

# Build when the sources changed since the last build.
stamp="$( (git rev-parse HEAD 2>/dev/null; git status --porcelain 2>/dev/null; git diff HEAD 2>/dev/null) | sha256sum | cut -c1-16)"
if [ ! -f .next/BUILD_ID ] || [ "$(cat .next/strata-stamp 2>/dev/null)" != "$stamp" ]; then
  log "building (about a minute on 2 cores)…"
  npx next build >/tmp/strata-build.log 2>&1 || { tail -40 /tmp/strata-build.log >&2; exit 1; }
  echo "$stamp" > .next/strata-stamp
fi

start_server() {
  if curl -s -o /dev/null --max-time 2 "http://$PROBE:$PORT/"; then
    log "port $PORT is already in use (another Strata?). Stop it, or choose another with PORT=…"; exit 1
  fi
  # scripts/serve.sh: the server's heap sizing and keep-alive, the same as the tests and benchmarks use.
  scripts/serve.sh -H "$HOST" -p "$PORT" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    strata_curl -s -o /dev/null "http://$PROBE:$PORT/api/engine" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited; is port $PORT taken?"; exit 1; }
    sleep 0.2
  done
  log "the server did not answer on port $PORT"; exit 1
}

start_server
engine_status="$(strata_curl -s -o /dev/null -w '%{http_code}' "http://$PROBE:$PORT/api/engine")"
if [ "$engine_status" = 503 ] && [ "${STRATA_NO_SANDBOX:-0}" != 1 ]; then
  log "no Docker engine answered at ${DOCKER_HOST:-unix:///var/run/docker.sock}: starting Strata's sandbox engine with demo images"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  scripts/install-deps.sh --engine
  export STRATA_SANDBOX_DIR="${STRATA_SANDBOX_DIR:-/tmp/strata-sbx}"
  # Stop the sandbox on exit only if this run started it.
  scripts/sandbox.sh status | grep -q 'engine: running' || STARTED_SANDBOX=1
  scripts/sandbox.sh start
  export DOCKER_HOST="unix://$STRATA_SANDBOX_DIR/docker.sock" STRATA_SANDBOX=1
  scripts/fixtures.sh
  start_server
fi

log "Strata is running at http://$([ "$HOST" = 127.0.0.1 ] && echo localhost || echo "$HOST"):$PORT (engine: ${DOCKER_HOST:-default socket}$([ "${STRATA_SANDBOX:-0}" = 1 ] && echo ', sandbox'))"
log "press Ctrl-C to stop"
wait "$SERVER_PID"
