#!/usr/bin/env bash
# Makes a two-platform image (an OCI image index: linux/amd64 and linux/arm64) offline and loads it into
# the sandbox engine: usage `scripts/multi-platform-image.sh NAME:TAG [--missing]`; prints the loaded image's ID.
#
# No registry and no buildx here, so the OCI layout is written by hand: one busybox layer per platform
# (each with a marker file, arm64's also with 64 KiB of data so the two differ in size), a config per
# platform with its `architecture`, a manifest per config, a nested index listing both with `platform`,
# and index.json naming that index. The arm64 "image" holds the amd64 busybox: it is never run, only
# listed. `docker load` of such a tar keeps the index as one image on the containerd store (Docker 28);
# the classic engine (20.10) refuses an OCI layout (`open …/blobs/json: no such file or directory`: it reads
# only docker's own manifest.json format), so this is for the modern sandbox only.
set -euo pipefail
cd "$(dirname "$0")"
. ./guard-sandbox.sh
guard_sandbox

NAME="${1:?usage: multi-platform-image.sh NAME:TAG}"
case "$NAME" in *:*) ;; *) NAME="$NAME:latest" ;; esac
TAG="${NAME##*:}"
# containerd wants the fully qualified name in the annotation; docker's own save writes it that way.
REPO="${NAME%:*}"
case "$REPO" in */*/*|*.*/*|localhost*/*) FULL="$REPO:$TAG" ;; */*) FULL="docker.io/$REPO:$TAG" ;; *) FULL="docker.io/library/$REPO:$TAG" ;; esac

BUSYBOX=""
for candidate in /bin/busybox /usr/bin/busybox "$(command -v busybox || true)"; do
  if [ -x "$candidate" ] && ! ldd "$candidate" >/dev/null 2>&1; then BUSYBOX="$candidate"; break; fi
done
[ -n "$BUSYBOX" ] || { echo "a static busybox is needed: apt-get install -y busybox-static" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LAYOUT="$WORK/layout"
mkdir -p "$LAYOUT/blobs/sha256"

sha() { sha256sum "$1" | cut -d' ' -f1; }
bytes() { stat -c %s "$1"; }
# Stores a file as a blob; prints its digest hex.
blob() { local hex; hex="$(sha "$1")"; cp "$1" "$LAYOUT/blobs/sha256/$hex"; echo "$hex"; }

# Prints "manifestHex manifestSize" for one platform.
platform_manifest() {
  local arch="$1" root="$WORK/root-$1"
  mkdir -p "$root/bin"
  cp "$BUSYBOX" "$root/bin/busybox"
  for app in sh ls cat echo; do ln -sf busybox "$root/bin/$app"; done
  echo "$NAME $arch" > "$root/platform"
  if [ "$arch" = arm64 ]; then head -c 65536 /dev/zero > "$root/arm64-data"; fi
  # Fixed owners and times: the same input gives the same digests.
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00' -C "$root" -cf "$WORK/layer-$arch.tar" .
  gzip -n -c "$WORK/layer-$arch.tar" > "$WORK/layer-$arch.tar.gz"
  local diff layer layer_size config config_size manifest
  diff="$(sha "$WORK/layer-$arch.tar")"
  layer="$(blob "$WORK/layer-$arch.tar.gz")"; layer_size="$(bytes "$WORK/layer-$arch.tar.gz")"
  printf '{"architecture":"%s","os":"linux","created":"2026-01-01T00:00:00Z","config":{"Cmd":["/bin/sh"],"Labels":{"strata.fixture":"multi-platform"}},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"2026-01-01T00:00:00Z","created_by":"multi-platform-image.sh %s"}]}' \
    "$arch" "$diff" "$arch" > "$WORK/config-$arch.json"
  config="$(blob "$WORK/config-$arch.json")"; config_size="$(bytes "$WORK/config-$arch.json")"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config" "$config_size" "$layer" "$layer_size" > "$WORK/manifest-$arch.json"
  manifest="$(blob "$WORK/manifest-$arch.json")"
  echo "$manifest $(bytes "$WORK/manifest-$arch.json")"
}

# An attestation manifest for amd64, as BuildKit attaches them (platform unknown/unknown, annotated with
# the manifest it describes): listed by the engine with Kind "attestation", never a platform of its own.
attestation_manifest() {
  printf '{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v0.2","subject":[{"name":"%s","digest":{"sha256":"%s"}}],"predicate":{}}' "$FULL" "$1" > "$WORK/provenance.json"
  local layer layer_size diff config config_size manifest
  layer="$(blob "$WORK/provenance.json")"; layer_size="$(bytes "$WORK/provenance.json")"; diff="$layer"
  printf '{"architecture":"unknown","os":"unknown","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$diff" > "$WORK/config-att.json"
  config="$(blob "$WORK/config-att.json")"; config_size="$(bytes "$WORK/config-att.json")"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.in-toto+json","digest":"sha256:%s","size":%s,"annotations":{"in-toto.io/predicate-type":"https://slsa.dev/provenance/v0.2"}}]}' \
    "$config" "$config_size" "$layer" "$layer_size" > "$WORK/manifest-att.json"
  manifest="$(blob "$WORK/manifest-att.json")"
  echo "$manifest $(bytes "$WORK/manifest-att.json")"
}

read -r AMD_HEX AMD_SIZE < <(platform_manifest amd64)
read -r ARM_HEX ARM_SIZE < <(platform_manifest arm64)
read -r ATT_HEX ATT_SIZE < <(attestation_manifest "$AMD_HEX")
entry() { printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"%s","os":"linux"}}' "$1" "$2" "$3"; }
att_entry() { printf '{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"unknown","os":"unknown"},"annotations":{"vnd.docker.reference.digest":"sha256:%s","vnd.docker.reference.type":"attestation-manifest"}}' "$1" "$2" "$3"; }
# With --missing: a linux/arm/v7 entry whose manifest is not in the layout, as after `docker pull
# --platform` of one platform: the engine lists it with Available false.
MISSING=""
if [ "${2:-}" = "--missing" ]; then
  MISSING=',{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:'"$(printf 'absent %s' "$NAME" | sha256sum | cut -d' ' -f1)"'","size":405,"platform":{"architecture":"arm","os":"linux","variant":"v7"}}'
fi
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s,%s,%s%s]}' \
  "$(entry "$AMD_HEX" "$AMD_SIZE" amd64)" "$(entry "$ARM_HEX" "$ARM_SIZE" arm64)" "$(att_entry "$ATT_HEX" "$ATT_SIZE" "$AMD_HEX")" "$MISSING" > "$WORK/index-blob.json"
INDEX_HEX="$(blob "$WORK/index-blob.json")"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
  "$INDEX_HEX" "$(bytes "$WORK/index-blob.json")" "$FULL" "$TAG" > "$LAYOUT/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' > "$LAYOUT/oci-layout"

tar -C "$LAYOUT" -cf "$WORK/image.tar" oci-layout index.json blobs
docker load -q -i "$WORK/image.tar" >&2
docker image inspect --format '{{.Id}}' "$NAME"
