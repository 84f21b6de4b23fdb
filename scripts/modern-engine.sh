#!/usr/bin/env bash
# The sandbox's *modern* engine: Debian unstable's docker.io (Docker 28+, containerd image store, BuildKit)
# and containerd 2, fetched from the machine's own Debian archive and unpacked beside the system. Nothing
# is installed: Debian 12's own docker.io and containerd stay as they are.
#   scripts/modern-engine.sh fetch [--refresh]   print the bin dir; downloads only when nothing is cached
#   scripts/modern-engine.sh bin                 print the cached bin dir (never any network); 1 if none
#   scripts/modern-engine.sh versions            the cached package versions
# --refresh asks the archive for the current versions and fetches them when they are new.
# Env: STRATA_CACHE_DIR (default ~/.cache/strata); the engine lives in $STRATA_CACHE_DIR/modern-engine/<version>.
# The bin dir links dockerd, containerd, containerd-shim-runc-v2, ctr, docker-init and docker-proxy from the
# unpacked packages, plus the system's runc: run the engine with PATH="$BIN:$PATH".
set -euo pipefail

CACHE="${STRATA_CACHE_DIR:-$HOME/.cache/strata}/modern-engine"
SUITE=sid
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
# tini-static is where docker.io's docker-init link points.
PACKAGES=(docker.io containerd tini-static)
RUNC=/usr/sbin/runc

log() { echo "[modern-engine] $*" >&2; }
die() { log "$*"; exit 1; }

# A version dir is usable only once it is complete: it is built under another name and renamed.
complete() { [ -f "$1/.complete" ] && [ -x "$1/bin/dockerd" ] && [ -x "$1/bin/containerd" ]; }

cached_bin() {
  local cur="$CACHE/current"
  if [ -L "$cur" ] && complete "$cur"; then
    # Resolve the link so callers hold a path that a later --refresh does not move under them.
    echo "$(cd "$cur" && pwd -P)/bin"
    return 0
  fi
  return 1
}

# apt with a private sources list, lists and cache: the system's apt state is neither read for sources
# nor written. The system's pins are left out too, so the candidate is sid's current version.
apt_opts() {
  printf '%s\n' -o "Dir::Etc::SourceList=$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/dev/null \
    -o "Dir::State::Lists=$CACHE/apt/lists" -o "Dir::Cache=$CACHE/apt/cache" -o Acquire::Languages=none
}
# APT::Sandbox::User=root: the cache usually sits under a home directory the _apt user cannot enter.
# The packages are still checked against Debian's archive key (signed-by below).
apt_private() { local o; mapfile -t o < <(apt_opts); apt-get -q "${o[@]}" -o APT::Sandbox::User=root "$@"; }
apt_cache_private() { local o; mapfile -t o < <(apt_opts); apt-cache "${o[@]}" "$@"; }

# The machine's own archive address: the first URIs: of its deb822 sources. Never written into the repo.
archive_uri() {
  local src=/etc/apt/sources.list.d/debian.sources uri
  [ -r "$src" ] || die "no $src: cannot tell which Debian archive this machine uses"
  uri="$(awk '/^URIs:/ { print $2; exit }' "$src")"
  [ -n "$uri" ] || die "no URIs: line in $src"
  echo "$uri"
}

candidate() { # PACKAGE → sid's version
  apt_cache_private show --no-all-versions "$1" 2>/dev/null | awk '/^Version:/ && !v { v = $2 } END { print v }'
}

fetch() {
  { command -v apt-get && command -v dpkg; } >/dev/null || die "apt-get and dpkg are needed (Debian)"
  [ -r "$KEYRING" ] || die "$KEYRING is missing: apt-get install debian-archive-keyring"
  [ -x "$RUNC" ] || die "$RUNC is missing: apt-get install runc (scripts/install-deps.sh --engine)"
  mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial"
  echo "deb [signed-by=$KEYRING] $(archive_uri) $SUITE main" >"$CACHE/apt/sources.list"
  log "asking the archive for $SUITE's ${PACKAGES[*]}"
  # --error-on=any: an unreachable archive is a failure, not a warning over the old lists.
  apt_private update --error-on=any >"$CACHE/apt/update.log" 2>&1 || { cat "$CACHE/apt/update.log" >&2; die "apt-get update failed"; }

  local versions=() p v
  for p in "${PACKAGES[@]}"; do
    v="$(candidate "$p")"
    [ -n "$v" ] || die "$SUITE has no $p"
    versions+=("$p=$v")
  done
  # The dir is named after the two packages that make the engine; tini changes rarely and is recorded inside.
  local name; name="$(candidate docker.io)_containerd-$(candidate containerd)"
  local dest="$CACHE/$name"
  if complete "$dest"; then
    log "$name is cached already"
  else
    local tmp="$CACHE/.$name.partial.$$"
    rm -rf "$tmp"; mkdir -p "$tmp/debs" "$tmp/root" "$tmp/bin"
    log "downloading ${versions[*]}"
    (cd "$tmp/debs" && apt_private download "${versions[@]}" >"$tmp/download.log" 2>&1) \
      || { cat "$tmp/download.log" >&2; rm -rf "$tmp"; die "apt-get download failed"; }
    for deb in "$tmp"/debs/*.deb; do dpkg -x "$deb" "$tmp/root"; done
    # Relative links into the unpacked tree, so the cache can move; runc is the system's (Debian 12's).
    local f
    for f in usr/sbin/dockerd usr/sbin/docker-proxy usr/bin/containerd usr/bin/containerd-shim-runc-v2 usr/bin/ctr usr/bin/docker-init; do
      [ -e "$tmp/root/$f" ] || { rm -rf "$tmp"; die "the unpacked packages have no /$f"; }
      ln -s "../root/$f" "$tmp/bin/$(basename "$f")"
    done
    ln -s "$RUNC" "$tmp/bin/runc"
    for deb in "$tmp"/debs/*.deb; do dpkg-deb -f "$deb" Package Version | paste -sd' '; done >"$tmp/VERSIONS"
    # The engine must run on this machine's libraries (Debian 12's glibc), not only unpack.
    if ! { "$tmp/bin/dockerd" --version && "$tmp/bin/containerd" --version; } >/dev/null; then
      rm -rf "$tmp"; die "the unpacked dockerd or containerd does not run here"
    fi
    date -u +%FT%TZ >"$tmp/.complete"
    rm -rf "$dest"; mv "$tmp" "$dest"
    log "unpacked into $dest"
  fi
  ln -sfn "$name" "$CACHE/current"
}

cmd="${1:-fetch}"
case "$cmd" in
  fetch)
    mkdir -p "$CACHE"
    # One fetch at a time per cache (two sandboxes may start at once).
    exec 9>"$CACHE/.lock"; flock 9
    if ! cached_bin >/dev/null; then
      fetch
    elif [ "${2:-}" = --refresh ]; then
      # Offline with a cache is fine: keep what is there.
      (fetch) || log "could not refresh; keeping the cached engine"
    fi
    cached_bin || die "fetch finished but $CACHE/current is not usable" ;;
  bin) cached_bin || { log "not fetched yet: scripts/modern-engine.sh fetch"; exit 1; } ;;
  versions)
    if bin="$(cached_bin)"; then cat "$(dirname "$bin")/VERSIONS"; else log "not fetched yet"; exit 1; fi ;;
  *) echo "usage: $0 fetch [--refresh] | bin | versions" >&2; exit 2 ;;
esac
