#!/usr/bin/env bash
# Installs what Strata needs and is missing: Debian packages (as root, with apt) and node modules.
#   scripts/install-deps.sh [--engine] [--modern-engine] [--browser] [--transports]
#   --engine          dockerd, the registry and busybox-static (the sandbox engine and fixtures); with
#                     STRATA_ENGINE_KIND=modern also what --modern-engine does
#   --modern-engine   the sandbox's modern engine (Debian sid's docker.io and containerd, unpacked into a
#                     cache by scripts/modern-engine.sh, never installed); implies --engine
#   --browser  Debian's Chromium (Playwright cannot download its own browsers here)
#   --transports      openssl and openssh-server, for the TLS and ssh transport tests only (scripts/test.sh):
#                     running Strata never needs an ssh server
set -euo pipefail
cd "$(dirname "$0")/.."

# Vite 8 (tests) and Next 16 need Node.js 20.19 or newer.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "[deps] Node.js 20.19 or newer is needed (found $(node --version 2>/dev/null || echo none)); install it from your distribution or nodejs.org" >&2
  exit 1
fi

want=()
modern=0
sshd_new=0
# curl probes the server in run.sh.
command -v curl >/dev/null || want+=(curl)
# The modern engine needs the classic one's companions (registry, busybox, runc, the docker CLI) too.
args=()
for arg in "$@"; do
  case "$arg" in
    --modern-engine) modern=1; args+=(--engine) ;;
    --engine) [ "${STRATA_ENGINE_KIND:-classic}" = modern ] && modern=1; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
for arg in ${args[@]+"${args[@]}"}; do
  case "$arg" in
    --engine)
      command -v dockerd >/dev/null || want+=(docker.io)
      # The modern engine runs on the system's runc (docker.io depends on it).
      [ -x /usr/sbin/runc ] || want+=(runc)
      command -v docker >/dev/null || want+=(docker.io)
      command -v docker-registry >/dev/null || want+=(docker-registry)
      # Debian's plain busybox is dynamically linked and useless in a libc-less image.
      { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || want+=(busybox-static)
      # Tests make zstd-compressed layers (the containerd store's kind) with the zstd tool.
      command -v zstd >/dev/null || want+=(zstd) ;;
    --transports)
      # The transport tests: TLS certificates (scripts/tls-certs.sh) and an sshd of their own on loopback
      # (tests/support/sshd.ts); ssh-keygen comes with openssh-client, a dependency of the server.
      command -v openssl >/dev/null || want+=(openssl)
      [ -x /usr/sbin/sshd ] || { want+=(openssh-server); sshd_new=1; } ;;
    --browser)
      [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || want+=(chromium fonts-dejavu-core) ;;
  esac
done

if [ "${#want[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "[deps] missing: ${want[*]}. Install them with your package manager (Debian: apt-get install ${want[*]})." >&2
    exit 1
  fi
  echo "[deps] installing ${want[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${want[@]}" | sort -u) >/dev/null
  # The package enables and starts the system's sshd on every address, port 22, where a systemd is running.
  # The tests start their own on 127.0.0.1; nothing of ours serves beyond loopback, so that one goes.
  if [ "$sshd_new" = 1 ]; then
    if [ -d /run/systemd/system ]; then
      systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
    elif [ -f /run/sshd.pid ] && [ "$(readlink "/proc/$(cat /run/sshd.pid)/exe" 2>/dev/null)" = /usr/sbin/sshd ]; then
      # Without systemd the package's init script started it (policy-rc.d permitting); its pid file names it.
      kill "$(cat /run/sshd.pid)" 2>/dev/null || true
    fi
  fi
fi

# After apt: the fetch needs runc, which docker.io brings. Cached after the first run (no network then).
if [ "$modern" = 1 ]; then
  echo "[deps] modern engine: $(scripts/modern-engine.sh fetch)" >&2
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
