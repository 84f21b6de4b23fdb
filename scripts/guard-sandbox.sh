#!/usr/bin/env bash
# Sourced by anything that changes an engine's images: refuse to run against a developer's own engine.
# The sandbox socket lives under STRATA_SANDBOX_DIR; the default socket is never test data.
guard_sandbox() {
  local dir="${STRATA_SANDBOX_DIR:-/tmp/strata-sbx}"
  if [ "${DOCKER_HOST:-}" != "unix://$dir/docker.sock" ]; then
    echo "refusing: DOCKER_HOST='${DOCKER_HOST:-<unset>}' is not the sandbox engine (unix://$dir/docker.sock)." >&2
    echo "start it with scripts/sandbox.sh start and eval \"\$(scripts/sandbox.sh env)\"" >&2
    exit 3
  fi
}
