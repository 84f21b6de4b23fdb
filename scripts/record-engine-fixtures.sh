#!/usr/bin/env bash
# Records raw Engine API answers from the sandbox engine (after scripts/fixtures.sh) as test fixtures:
#   scripts/record-engine-fixtures.sh OUTDIR            read-only endpoints
#   scripts/record-engine-fixtures.sh OUTDIR --prune    also the dangling-prune experiment (DELETES images:
#                                                       sandbox only, guarded like fixtures.sh)
#   scripts/record-engine-fixtures.sh OUTDIR --disk     only OUTDIR/disk/: one consistent set for disk
#                                                       accounting (the list with shared-size and manifests,
#                                                       system/df, and every top-level image's inspect and history)
# Files are named like lib/docker/__fixtures__/api-1.41 (path with / → _, query k=v → _k_v). Host-specific
# values (engine ID, host name) are replaced; nothing else is trimmed, so the shapes stay the engine's own.
set -euo pipefail
# OUTDIR is relative to where the script was called from, not to scripts/.
OUT="${1:?usage: $0 OUTDIR [--prune|--disk]}"
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
cd "$(dirname "$0")"
. ./guard-sandbox.sh
guard_sandbox
SOCK="${DOCKER_HOST#unix://}"
command -v jq >/dev/null || { echo "jq is needed: apt-get install -y jq" >&2; exit 1; }

api() { curl -sf --unix-socket "$SOCK" "http://engine$1" "${@:2}"; }
enc() { jq -rn --arg v "$1" '$v | @uri'; }
save() { # NAME JSON-on-stdin
  jq --sort-keys . >"$OUT/$1.json"
  echo "[record] $OUT/$1.json" >&2
}

# Same-named images on both kinds, so a test can pair them.
FIXTURE=strata-fixture/app:1.0

if [ "${2:-}" = --disk ]; then
  # Read at one moment, so the figures add up across files (lib/docker/disk-accounting.test.ts).
  OUT="$OUT/disk"; mkdir -p "$OUT"
  api '/images/json?shared-size=1&manifests=1' | save images_json_shared-size_1_manifests_1
  api /system/df | save system_df
  api '/system/df?type=image' | save system_df_type_image
  api '/containers/json?all=1' | save containers_json_all_1
  for id in $(api /images/json | jq -r '.[].Id'); do
    api "/images/$id/json?manifests=1" | save "images_${id:7:12}_json_manifests_1"
    api "/images/$id/history" | save "images_${id:7:12}_history"
    # The image config as the export holds it (its empty_layer flags settle ambiguous histories).
    x="$(mktemp -d)"; api "/images/$id/get" | tar -C "$x" -x
    jq '{diff_ids: .rootfs.diff_ids, history}' "$x/$(jq -r '.[0].Config' "$x/manifest.json")" | save "images_${id:7:12}_config"
    rm -rf "$x"
  done
  exit 0
fi

api /version | save version
# Headers as an object: the client reads Api-Version and Builder-Version from here.
api /_ping -o /dev/null -D - | tr -d '\r' | awk -F': ' 'NF == 2 { print $1 "\t" $2 }' |
  jq -R 'split("\t") | {(.[0]): .[1]}' | jq -s 'add | del(.Date)' | save ping_headers
api /info | jq '.ID = "00000000-0000-0000-0000-000000000000" | .Name = "sandbox" | del(.SystemTime)' | save info
api /images/json | save images_json
api '/images/json?all=1' | save images_json_all_1
api '/images/json?shared-size=1' | save images_json_shared-size_1
api '/images/json?manifests=1' | save images_json_manifests_1
api "/images/json?manifests=1&filters=$(enc '{"reference":["'"$FIXTURE"'"]}')" | save images_json_manifests_1_reference_app
api /system/df | save system_df
api '/containers/json?all=1' | save containers_json_all_1
for ref in "$FIXTURE" strata-fixture/steps:1 strata-fixture/many:1; do
  name="images_${ref//[\/:]/_}"
  api "/images/$ref/json" | save "${name}_json"
  api "/images/$ref/history" | save "${name}_history"
done

[ "${2:-}" = --prune ] || exit 0

# Three more dangling images beside the fixtures' two (which have no strata.keep label): strata.keep=true,
# strata.keep=false and no such label. Then a prune that should spare only the =true one, then a plain
# dangling prune.
export DOCKER_BUILDKIT=0
CTX="$(mktemp -d)"; trap 'rm -rf "$CTX"' EXIT
# The events file covers the probe builds (create, tag, untag of a moved tag) and both prunes.
since="$(date +%s)"
for kind in true false none; do
  for n in 1 2; do
    label=""; [ "$kind" = none ] || label="LABEL strata.keep=$kind"
    printf 'FROM strata-fixture/base:1\n%s\nRUN echo %s %s > /probe.txt\n' "$label" "$kind" "$n" >"$CTX/Dockerfile"
    docker build -q -t "strata-probe/$kind:1" "$CTX" >/dev/null 2>&1
  done
done
api "/images/json?filters=$(enc '{"dangling":["true"]}')" | save images_json_dangling_before_prune
api "/images/prune?filters=$(enc '{"dangling":["true"],"label!":["strata.keep=true"]}')" -X POST | save images_prune_dangling_label_not_keep
api "/images/json?filters=$(enc '{"dangling":["true"]}')" | save images_json_dangling_after_label_prune
api "/images/prune?filters=$(enc '{"dangling":["true"]}')" -X POST | save images_prune_dangling
api "/images/json?filters=$(enc '{"dangling":["true"]}')" | save images_json_dangling_after_prune
# Two events of each action are enough for a shape (the containerd store sends an untag and a delete per image).
api "/events?since=$since&until=$(($(date +%s) + 1))&filters=$(enc '{"type":["image"]}')" |
  jq -s '[group_by(.Action)[] | .[0:2][]] | sort_by(.timeNano)' | save events_prune
