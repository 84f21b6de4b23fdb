#!/usr/bin/env bash
# Strata's sandbox engine: a private dockerd (and a local registry beside it) that never touches the
# host's own engine or network. Idempotent: `start` twice is fine, `stop` twice is fine.
#   scripts/sandbox.sh start|stop|reset|status|env
# Env: STRATA_SANDBOX_DIR (default /tmp/strata-sbx; keep it short, unix socket paths max ~100 bytes),
#      STRATA_REGISTRY_PORT (default 5555).
set -euo pipefail

DIR="${STRATA_SANDBOX_DIR:-/tmp/strata-sbx}"
REGISTRY_PORT="${STRATA_REGISTRY_PORT:-5555}"
# The sandbox registry's one account (a throwaway credential for a loopback-only test registry).
REGISTRY_USER="${STRATA_REGISTRY_USER:-strata}"
REGISTRY_PASSWORD="${STRATA_REGISTRY_PASSWORD:-sandbox-password}"
SOCK="$DIR/docker.sock"
export DOCKER_HOST="unix://$SOCK"

log() { echo "[sandbox] $*" >&2; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

engine_ready() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

start_engine() {
  if pid_alive "$DIR/docker.pid" && engine_ready; then log "engine already running at $DOCKER_HOST"; return; fi
  command -v dockerd >/dev/null || { log "dockerd not found: apt-get install -y docker.io"; exit 1; }
  mkdir -p "$DIR/data" "$DIR/exec"
  rm -f "$SOCK"
  # No bridge, no iptables, no masquerading: containers get no network, the host's rules stay untouched.
  nohup dockerd --host "$DOCKER_HOST" --data-root "$DIR/data" --exec-root "$DIR/exec" \
    --pidfile "$DIR/docker.pid" --bridge=none --iptables=false --ip-masq=false --ip6tables=false \
    --userland-proxy=false --containerd-namespace "strata-$(basename "$DIR")" \
    --containerd-plugins-namespace "strata-$(basename "$DIR")-plugins" >"$DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 100); do engine_ready && break; sleep 0.2; done
  engine_ready || { log "engine did not answer; see $DIR/dockerd.log"; tail -20 "$DIR/dockerd.log" >&2; exit 1; }
  log "engine ready at $DOCKER_HOST (API $(docker version --format '{{.Server.APIVersion}}'))"
}

start_registry() {
  if pid_alive "$DIR/registry.pid"; then log "registry already running on 127.0.0.1:$REGISTRY_PORT"; return; fi
  command -v docker-registry >/dev/null || { log "docker-registry not found (apt-get install -y docker-registry); skipping"; return; }
  mkdir -p "$DIR/registry"
  # Login tests need a registry that asks for a password: one sandbox account, bcrypt in htpasswd.
  node -e 'const b = require("bcryptjs"); process.stdout.write(`${process.argv[1]}:${b.hashSync(process.argv[2], 10)}\n`)' \
    "$REGISTRY_USER" "$REGISTRY_PASSWORD" >"$DIR/htpasswd"
  cat >"$DIR/registry.yml" <<YML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $DIR/registry }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$REGISTRY_PORT }
auth: { htpasswd: { realm: strata-sandbox, path: $DIR/htpasswd } }
YML
  nohup docker-registry serve "$DIR/registry.yml" >"$DIR/registry.log" 2>&1 &
  echo $! >"$DIR/registry.pid"
  # 401 is the answer of a registry that is up and wants a login.
  for _ in $(seq 1 50); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REGISTRY_PORT/v2/")" = 401 ] && break; sleep 0.1; done
  log "registry on 127.0.0.1:$REGISTRY_PORT"
}

stop_one() {
  local pidfile="$1" name="$2"
  if pid_alive "$pidfile"; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

case "${1:-status}" in
  start) start_engine; start_registry ;;
  stop)
    stop_one "$DIR/registry.pid" registry
    stop_one "$DIR/docker.pid" engine
    # dockerd leaves its containerd behind when killed hard; end only the one under our exec-root.
    pkill -f "containerd.*$DIR/exec" 2>/dev/null || true ;;
  reset)
    # A clean slate for tests: stop, then forget every image and container the sandbox had.
    "$0" stop
    # A hard-killed engine can leave overlay mounts behind; never delete through a mount.
    awk -v dir="$DIR/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r umount -l 2>/dev/null || true
    rm -rf "$DIR"
    log "reset $DIR" ;;
  status)
    if engine_ready; then echo "engine: running at $DOCKER_HOST"; else echo "engine: stopped"; fi
    if pid_alive "$DIR/registry.pid"; then echo "registry: running on 127.0.0.1:$REGISTRY_PORT"; else echo "registry: stopped"; fi ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST STRATA_SANDBOX=1 STRATA_REGISTRY=localhost:$REGISTRY_PORT STRATA_REGISTRY_USER=$REGISTRY_USER" ;;
  *) echo "usage: $0 start|stop|reset|status|env" >&2; exit 2 ;;
esac
