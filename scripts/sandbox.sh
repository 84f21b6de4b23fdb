#!/usr/bin/env bash
# Strata's sandbox engine: a private dockerd (and a local registry beside it) that never touches the
# host's own engine or network. Idempotent: `start` twice is fine, `stop` twice is fine.
#   scripts/sandbox.sh start|stop|reset|status|env
# Env: STRATA_SANDBOX_DIR (default /tmp/strata-sbx; keep it short, unix socket paths max ~100 bytes),
#      STRATA_REGISTRY_PORT (default 5555),
#      STRATA_ENGINE_KIND: classic (default; the system's dockerd, Debian 12's 20.10, API 1.41, graphdriver
#      store) or modern (Debian unstable's docker.io and containerd 2, unpacked by scripts/modern-engine.sh
#      into a cache, containerd image store, BuildKit). A sandbox dir keeps the kind it was started with
#      until it is reset; stop, status and reset read it from there. Two sandboxes of either kind run side
#      by side in distinct dirs.
#      STRATA_SANDBOX_TLS_PORT: when set, the engine also listens on tcp://127.0.0.1:PORT with --tlsverify
#      (client certificates from the CA in STRATA_SANDBOX_TLS_DIR, default $DIR/tls, made there by
#      scripts/tls-certs.sh when missing; the client's files are in its client/ folder). The unix socket
#      stays the first host, the one this script and the tests use.
set -euo pipefail

DIR="${STRATA_SANDBOX_DIR:-/tmp/strata-sbx}"
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
# The kind this dir was started with wins over the environment, so `stop` never needs to be told.
if [ -f "$DIR/engine-kind" ]; then KIND="$(cat "$DIR/engine-kind")"; else KIND="${STRATA_ENGINE_KIND:-classic}"; fi
case "$KIND" in classic|modern) ;; *) echo "[sandbox] STRATA_ENGINE_KIND must be classic or modern, not '$KIND'" >&2; exit 2 ;; esac
# The modern engine's own containerd (see start_containerd); the classic dockerd's supervised one sits here too.
CTRD_SOCK="$DIR/exec/containerd/containerd.sock"
REGISTRY_PORT="${STRATA_REGISTRY_PORT:-5555}"
# The sandbox registry's one account (a throwaway credential for a loopback-only test registry).
REGISTRY_USER="${STRATA_REGISTRY_USER:-strata}"
REGISTRY_PASSWORD="${STRATA_REGISTRY_PASSWORD:-sandbox-password}"
SOCK="$DIR/docker.sock"
export DOCKER_HOST="unix://$SOCK"
TLS_PORT="${STRATA_SANDBOX_TLS_PORT:-}"
TLS_DIR="${STRATA_SANDBOX_TLS_DIR:-$DIR/tls}"

log() { echo "[sandbox] $*" >&2; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

engine_ready() { docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

# Both kinds get the same private socket, data, exec root and pidfile and no network at all: no bridge, no
# iptables, no masquerading; containers get no network and the host's rules stay untouched. The containerd
# namespaces are per dir so that, should two engines ever share one containerd, their images stay apart.
DOCKERD_FLAGS=(--host "$DOCKER_HOST" --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/docker.pid"
  --bridge=none --iptables=false --ip-masq=false --ip6tables=false --userland-proxy=false
  --containerd-namespace "strata-$(basename "$DIR")" --containerd-plugins-namespace "strata-$(basename "$DIR")-plugins")
# The TLS listener, loopback only, after the unix socket. --tlsverify: a client without a certificate from
# this CA is refused in the handshake.
if [ -n "$TLS_PORT" ]; then
  DOCKERD_FLAGS+=(--host "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$TLS_DIR/ca.pem"
    --tlscert "$TLS_DIR/server-cert.pem" --tlskey "$TLS_DIR/server-key.pem")
fi

# The TLS listener answers /_ping to the sandbox's own client certificate.
tls_ready() {
  curl -sf -o /dev/null --max-time 2 --cacert "$TLS_DIR/client/ca.pem" --cert "$TLS_DIR/client/cert.pem" \
    --key "$TLS_DIR/client/key.pem" "https://127.0.0.1:$TLS_PORT/_ping"
}

wait_engine() {
  for _ in $(seq 1 150); do engine_ready && break; sleep 0.2; done
  engine_ready || { log "engine did not answer; see $DIR/dockerd.log"; tail -20 "$DIR/dockerd.log" >&2; exit 1; }
  log "$KIND engine ready at $DOCKER_HOST (Docker $(docker version --format '{{.Server.Version}}'), API $(docker version --format '{{.Server.APIVersion}}'))"
  if [ -n "$TLS_PORT" ]; then
    for _ in $(seq 1 50); do tls_ready && break; sleep 0.1; done
    tls_ready || { log "TLS listener on 127.0.0.1:$TLS_PORT did not answer; see $DIR/dockerd.log"; tail -20 "$DIR/dockerd.log" >&2; exit 1; }
    log "and at tcp://127.0.0.1:$TLS_PORT (--tlsverify; client certificates in $TLS_DIR/client)"
  fi
}

# The modern engine's containerd is started here, not by dockerd: a dockerd that is not given --containerd
# adopts the system's containerd whenever /run/containerd/containerd.sock exists (moby's
# systemContainerdRunning), and Debian 12's containerd 1.6 with its /var/lib/containerd is neither the
# version this engine was built with nor a sandbox. Root, state and sockets all live under $DIR.
start_containerd() {
  local bin="$1"
  if pid_alive "$DIR/containerd.pid" && [ -S "$CTRD_SOCK" ]; then return; fi
  mkdir -p "$DIR/data/containerd" "$DIR/exec/containerd"
  rm -f "$CTRD_SOCK" "$CTRD_SOCK.ttrpc"
  cat >"$DIR/containerd.toml" <<TOML
# Written by scripts/sandbox.sh: the sandbox's own containerd ($KIND engine). What dockerd's own supervisor
# writes, as a version 3 config, plus the opt plugin kept inside the sandbox (its default is /opt/containerd).
version = 3
root = "$DIR/data/containerd/daemon"
state = "$DIR/exec/containerd/daemon"
disabled_plugins = ["io.containerd.grpc.v1.cri"]

[grpc]
  address = "$CTRD_SOCK"

[debug]
  address = "$DIR/exec/containerd/containerd-debug.sock"

[plugins."io.containerd.internal.v1.opt"]
  path = "$DIR/data/containerd/opt"
TOML
  PATH="$bin:$PATH" nohup containerd --config "$DIR/containerd.toml" >"$DIR/containerd.log" 2>&1 &
  echo $! >"$DIR/containerd.pid"
  for _ in $(seq 1 100); do "$bin/ctr" --address "$CTRD_SOCK" version >/dev/null 2>&1 && return; sleep 0.1; done
  log "containerd did not answer; see $DIR/containerd.log"; tail -20 "$DIR/containerd.log" >&2; exit 1
}

start_engine() {
  if pid_alive "$DIR/docker.pid" && engine_ready; then
    # An engine started without the TLS listener does not grow one: say so rather than start half of it.
    if [ -n "$TLS_PORT" ] && ! tls_ready; then
      log "$KIND engine already running at $DOCKER_HOST but not with TLS on 127.0.0.1:$TLS_PORT; stop it first"; exit 1
    fi
    log "$KIND engine already running at $DOCKER_HOST"; return
  fi
  mkdir -p "$DIR/data" "$DIR/exec"
  echo "$KIND" >"$DIR/engine-kind"
  rm -f "$SOCK"
  if [ -n "$TLS_PORT" ]; then "$SCRIPTS/tls-certs.sh" "$TLS_DIR"; fi
  if [ "$KIND" = classic ]; then
    command -v dockerd >/dev/null || { log "dockerd not found: apt-get install -y docker.io"; exit 1; }
    nohup dockerd "${DOCKERD_FLAGS[@]}" >"$DIR/dockerd.log" 2>&1 &
  else
    # Cached after the first fetch: no network from the second start on.
    local bin; bin="$("$SCRIPTS/modern-engine.sh" fetch)"
    start_containerd "$bin"
    # The containerd image store is what makes this engine "modern"; --config-file keeps the host's
    # /etc/docker/daemon.json out of the sandbox.
    echo '{"features":{"containerd-snapshotter":true}}' >"$DIR/daemon.json"
    PATH="$bin:$PATH" nohup dockerd --config-file "$DIR/daemon.json" --containerd "$CTRD_SOCK" "${DOCKERD_FLAGS[@]}" \
      >"$DIR/dockerd.log" 2>&1 &
  fi
  wait_engine
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

# Processes that have ARG as one whole command-line argument: this sandbox's own containerd and shims are
# found by the paths only they are given, never by a program name.
pids_with_arg() {
  local arg="$1" f a args
  for f in /proc/[0-9]*/cmdline; do
    mapfile -d '' args <"$f" 2>/dev/null || continue
    for a in "${args[@]}"; do
      [ "$a" = "$arg" ] && { f="${f#/proc/}"; echo "${f%/cmdline}"; break; }
    done
  done
  return 0
}

# Direct children of PID (from /proc: the procps tools may be missing).
children_of() {
  local parent="$1" f stat
  for f in /proc/[0-9]*/stat; do
    read -r stat <"$f" 2>/dev/null || continue
    stat="${stat##*) }"          # after "pid (comm) ": state, ppid, …
    stat="${stat#* }"
    [ "${stat%% *}" = "$parent" ] && { f="${f#/proc/}"; echo "${f%/stat}"; }
  done
  return 0
}

stop_pids() { # [-KILL] NAME PID…: TERM, wait up to 5 s, then KILL
  local sig=TERM; [ "$1" = -KILL ] && { sig=KILL; shift; }
  local name="$1"; shift
  [ "$#" -gt 0 ] || return 0
  kill -s "$sig" "$@" 2>/dev/null || true
  for _ in $(seq 1 50); do
    local alive=0 p; for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 0.1
  done
  kill -9 "$@" 2>/dev/null || true
  log "$name stopped ($*)"
}

stop_all() {
  stop_one "$DIR/registry.pid" registry
  stop_one "$DIR/docker.pid" "$KIND engine"
  # The modern engine's own containerd (after dockerd, which still talks to it while it shuts down).
  stop_one "$DIR/containerd.pid" containerd
  # What may outlive them: the classic dockerd's supervised containerd when dockerd was killed hard (its
  # config path is this sandbox's), and shims of either kind's containerd (their -address is this sandbox's).
  # shellcheck disable=SC2046
  stop_pids "leftover containerd" $(pids_with_arg "$DIR/exec/containerd/containerd.toml")
  local shims shim inits=()
  shims="$(pids_with_arg "$CTRD_SOCK")"
  # A container outlives its shim (it is re-parented to init), so its init goes first. It is pid 1 of its
  # own pid namespace, which ignores TERM, and no engine is left to stop it gracefully.
  for shim in $shims; do mapfile -t -O "${#inits[@]}" inits < <(children_of "$shim"); done
  stop_pids -KILL "leftover containers" ${inits[@]+"${inits[@]}"}
  # shellcheck disable=SC2086
  stop_pids "leftover shims" $shims
}

case "${1:-status}" in
  start)
    if [ -f "$DIR/engine-kind" ] && [ -n "${STRATA_ENGINE_KIND:-}" ] && [ "$STRATA_ENGINE_KIND" != "$KIND" ]; then
      log "$DIR holds a $KIND engine's data; reset it first or choose another STRATA_SANDBOX_DIR"; exit 1
    fi
    start_engine; start_registry ;;
  stop) stop_all ;;
  reset)
    # A clean slate for tests: stop, then forget every image and container the sandbox had.
    stop_all
    # A hard-killed engine can leave overlay mounts behind; never delete through a mount.
    awk -v dir="$DIR/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r umount -l 2>/dev/null || true
    rm -rf "$DIR"
    log "reset $DIR" ;;
  status)
    if engine_ready; then
      echo "engine: running at $DOCKER_HOST ($KIND: Docker $(docker version --format '{{.Server.Version}}'), API $(docker version --format '{{.Server.APIVersion}}'))"
    else echo "engine: stopped ($KIND)"; fi
    if [ "$KIND" = modern ]; then
      if pid_alive "$DIR/containerd.pid"; then echo "containerd: running at $CTRD_SOCK"; else echo "containerd: stopped"; fi
    fi
    if [ -n "$TLS_PORT" ]; then
      if tls_ready; then echo "tls: running at tcp://127.0.0.1:$TLS_PORT (certificates in $TLS_DIR/client)"; else echo "tls: not answering on 127.0.0.1:$TLS_PORT"; fi
    fi
    if pid_alive "$DIR/registry.pid"; then echo "registry: running on 127.0.0.1:$REGISTRY_PORT"; else echo "registry: stopped"; fi ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST STRATA_SANDBOX=1 STRATA_REGISTRY=localhost:$REGISTRY_PORT STRATA_REGISTRY_USER=$REGISTRY_USER STRATA_ENGINE_KIND=$KIND${TLS_PORT:+ STRATA_SANDBOX_TLS_PORT=$TLS_PORT STRATA_SANDBOX_TLS_DIR=$TLS_DIR}" ;;
  *) echo "usage: $0 start|stop|reset|status|env" >&2; exit 2 ;;
esac
