#!/usr/bin/env bash
# Installs what Strata needs and is missing: Debian packages (as root, with apt) and node modules.
#   scripts/install-deps.sh [--engine] [--browser]
#   --engine   dockerd, the registry and busybox-static (the sandbox engine and fixtures)
#   --browser  Debian's Chromium (Playwright cannot download its own browsers here)
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
for arg in "$@"; do
  case "$arg" in
    --engine)
      command -v dockerd >/dev/null || want+=(docker.io)
      command -v docker >/dev/null || want+=(docker.io)
      command -v docker-registry >/dev/null || want+=(docker-registry)
      [ -x /bin/busybox ] || command -v busybox >/dev/null || want+=(busybox-static)
      command -v curl >/dev/null || want+=(curl) ;;
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
