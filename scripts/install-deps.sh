#!/usr/bin/env bash
# Installs what Strata needs and is missing: Debian packages (as root, with apt) and node modules.
#   scripts/install-deps.sh [--engine] [--browser]
#   --engine   dockerd, the registry and busybox-static (the sandbox engine and fixtures)
#   --browser  Debian's Chromium (Playwright cannot download its own browsers here)
set -euo pipefail
cd "$(dirname "$0")/.."

# Vite 8 (tests) and Next 16 need Node.js 20.19 or newer.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "[deps] Node.js 20.19 or newer is needed (found $(node --version 2>/dev/null || echo none)); install it from your distribution or nodejs.org" >&2
  exit 1
fi

want=()
# curl probes the server in run.sh; pkill (procps) stops the sandbox's processes.
command -v curl >/dev/null || want+=(curl)
command -v pkill >/dev/null || want+=(procps)
for arg in "$@"; do
  case "$arg" in
    --engine)
      command -v dockerd >/dev/null || want+=(docker.io)
      command -v docker >/dev/null || want+=(docker.io)
      command -v docker-registry >/dev/null || want+=(docker-registry)
      # Debian's plain busybox is dynamically linked and useless in a libc-less image.
      { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; } || want+=(busybox-static)
      # Tests make zstd-compressed layers (the containerd store's kind) with the zstd tool.
      command -v zstd >/dev/null || want+=(zstd) ;;
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
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
