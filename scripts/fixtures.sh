#!/usr/bin/env bash
# Builds Strata's known fixture image set on the sandbox engine, offline:
#   strata-fixture/base:1           imported from busybox-static (the shared base layer)
#   strata-fixture/app:1.0          FROM base, 3 layers; the same ID is also tagged app:latest,
#                                   localhost:5555/team/app:1.0 and registry.example.com/team/app:1.0
#   strata-fixture/web:1            FROM base, labelled tier=web
#   strata-fixture/many:1           FROM base, 23 layers
#   strata-fixture/steps:1          FROM web:1: ENV/LABEL/CMD, COPY, an empty RUN, a 0-byte RUN layer, a secret ENV
#   strata-fixture/used:1           used by a stopped container named strata-fixture-used
#   two dangling images             earlier builds of strata-fixture/app:dev, untagged by later ones
# Every image carries the label strata.fixture=1. Safe to run twice: it skips when already seeded
# unless --force is given. The same set is built on both sandbox engine kinds (classic and modern): the
# modern engine (Docker 28, containerd image store) still has the legacy builder used here.
set -euo pipefail
cd "$(dirname "$0")"
. ./guard-sandbox.sh
guard_sandbox
export DOCKER_BUILDKIT=0

# The last thing this script writes is a marker beside the sandbox's data: with it, an earlier run
# finished. (A reset removes it along with the images.)
MARKER="${STRATA_SANDBOX_DIR:-/tmp/strata-sbx}/fixtures-seeded"
if [ "${1:-}" != "--force" ] && [ -f "$MARKER" ] && docker image inspect strata-fixture/many:1 >/dev/null 2>&1; then
  echo "[fixtures] already seeded" >&2; exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The image has no libc, so only a statically linked busybox runs in it (Debian's busybox-static).
BUSYBOX=""
for candidate in /bin/busybox /usr/bin/busybox "$(command -v busybox || true)"; do
  if [ -x "$candidate" ] && ! ldd "$candidate" >/dev/null 2>&1; then BUSYBOX="$candidate"; break; fi
done
[ -n "$BUSYBOX" ] || { echo "a static busybox is needed: apt-get install -y busybox-static" >&2; exit 1; }

mkdir -p "$WORK/root/bin" "$WORK/root/etc" "$WORK/root/tmp"
cp "$BUSYBOX" "$WORK/root/bin/busybox"
for app in sh ls cat echo mkdir rm cp mv touch chmod chown head tail wc sleep true false env dd seq tar gzip sed grep; do
  ln -sf busybox "$WORK/root/bin/$app"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$WORK/root/etc/passwd"
# A token of this seed's own (fixed length, so sizes stay the same): two sandboxes seeded in the same
# second would otherwise import identical content (same files, same whole-second time), which the
# many-engines tests rely on telling apart as drift between separately built fixtures.
head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/root/etc/strata-fixture-seed"
tar -C "$WORK/root" -c . | docker import \
  -c 'LABEL strata.fixture=1' -c 'CMD ["/bin/sh"]' -m 'busybox-static root filesystem' \
  - strata-fixture/base:1 >/dev/null
echo "[fixtures] base imported" >&2

build() { # build TAG <<Dockerfile
  local tag="$1" ctx="$WORK/ctx-$RANDOM$RANDOM"
  mkdir -p "$ctx"; cat > "$ctx/Dockerfile"
  docker build -q --label strata.fixture=1 -t "$tag" "$ctx" >/dev/null 2>"$ctx/err" \
    || { cat "$ctx/err" >&2; exit 1; }
  echo "[fixtures] built $tag" >&2
}

build strata-fixture/app:1.0 <<'DF'
FROM strata-fixture/base:1
LABEL org.opencontainers.image.title="Strata demo app" app=demo
ENV APP_HOME=/app GREETING=hello API_TOKEN=not-a-real-secret
WORKDIR /app
RUN echo 'echo "$GREETING from the demo app"' > /app/run.sh && chmod +x /app/run.sh
RUN dd if=/dev/zero of=/app/data.bin bs=1024 count=256 2>/dev/null
EXPOSE 8080/tcp
USER root
CMD ["/bin/sh", "/app/run.sh"]
DF
for t in strata-fixture/app:latest localhost:5555/team/app:1.0 registry.example.com/team/app:1.0; do
  docker tag strata-fixture/app:1.0 "$t"
done

build strata-fixture/web:1 <<'DF'
FROM strata-fixture/base:1
LABEL tier=web app=web
RUN mkdir -p /srv/www && echo '<h1>hello</h1>' > /srv/www/index.html
VOLUME ["/srv/www"]
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["cat /srv/www/index.html"]
DF

{
  echo 'FROM strata-fixture/base:1'
  echo 'LABEL app=many'
  for i in $(seq 1 21); do echo "RUN dd if=/dev/zero of=/layer-$i.bin bs=1024 count=$((i * 16)) 2>/dev/null"; done
  echo 'RUN rm /layer-1.bin'
  echo 'CMD ["ls", "/"]'
} | build strata-fixture/many:1

# Every kind of step a timeline must tell apart, built FROM another local image (web:1):
# metadata-only steps, a COPY, a RUN that changes nothing (no layer at all: the engine marks it empty),
# a RUN that only makes a directory (a real 0-byte layer), a secret-looking ENV. The two 0-byte RUNs make
# the API alone ambiguous about which step made which layer.
STEPS="$WORK/ctx-steps"; mkdir -p "$STEPS"
printf 'listen 8080\nworkers 4\n' > "$STEPS/app.conf"
cat > "$STEPS/Dockerfile" <<'DF'
FROM strata-fixture/web:1
LABEL app=steps
ENV DB_PASSWORD=hunter2 MODE=demo
COPY app.conf /etc/app.conf
RUN true
RUN mkdir /data
RUN dd if=/dev/zero of=/srv/blob.bin bs=1000 count=50 2>/dev/null
CMD ["cat", "/etc/app.conf"]
DF
docker build -q --label strata.fixture=1 -t strata-fixture/steps:1 "$STEPS" >/dev/null 2>"$STEPS/err" || { cat "$STEPS/err" >&2; exit 1; }
echo "[fixtures] built strata-fixture/steps:1" >&2

build strata-fixture/used:1 <<'DF'
FROM strata-fixture/base:1
LABEL app=used
RUN echo used > /used.txt
DF
docker rm -f strata-fixture-used >/dev/null 2>&1 || true
docker create --network none --name strata-fixture-used strata-fixture/used:1 true >/dev/null

# Rebuilding a tag with different content leaves the previous image untagged: dangling.
for n in 1 2 3; do
  build strata-fixture/app:dev <<DF
FROM strata-fixture/base:1
LABEL app=dev
RUN echo "build $n" > /build.txt
DF
done
# Both engine kinds (scripts/sandbox.sh, STRATA_ENGINE_KIND) must end with the same set; the IDs differ
# (the containerd store's IDs are manifest digests), the names, the dangling pair and the container do not.
for t in strata-fixture/base:1 strata-fixture/app:1.0 strata-fixture/app:latest localhost:5555/team/app:1.0 \
  registry.example.com/team/app:1.0 strata-fixture/web:1 strata-fixture/many:1 strata-fixture/steps:1 \
  strata-fixture/used:1 strata-fixture/app:dev; do
  docker image inspect "$t" >/dev/null 2>&1 || { echo "[fixtures] missing after the build: $t" >&2; exit 1; }
done
dangling="$(docker image ls -q --filter dangling=true --filter label=strata.fixture=1 | sort -u | wc -l)"
[ "$dangling" -ge 2 ] || { echo "[fixtures] expected 2 dangling images, found $dangling" >&2; exit 1; }
docker container inspect strata-fixture-used >/dev/null 2>&1 || { echo "[fixtures] no strata-fixture-used container" >&2; exit 1; }
date -u +%FT%TZ > "$MARKER"
echo "[fixtures] done: $(docker image ls -q | sort -u | wc -l) image IDs" >&2
