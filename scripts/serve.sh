#!/usr/bin/env bash
# `next start` as Strata runs it everywhere (scripts/run.sh, npm start, the e2e tests, the benchmarks):
#   scripts/serve.sh -H 127.0.0.1 -p 3000
#
# --initial-old-space-size: an archive streaming through the server (save, load, import, copy) churns
# through hundreds of MB of short-lived buffers. With V8's small starting old-generation limit (~57 MB for
# the server's ~33 MB of live objects) that churn set off a full mark-compact every ~40 ms, 2 s of CPU
# per 500 MB save on top of the 0.3 s the copying itself costs, until V8 grew the limit many saves later.
# A higher starting limit reserves nothing (RSS stays the same, BENCHMARKS.md "Save and load"); Node
# refuses this flag in NODE_OPTIONS, hence the explicit `node`.
#
# --keepAliveTimeout: idle connections outlive the browser's own (Chromium keeps them 5 minutes). With
# Node's 5 s default a POST (a build, a pull) can go out on a connection the server is closing, and
# browsers do not retry it.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --initial-old-space-size=256 node_modules/next/dist/bin/next start --keepAliveTimeout 310000 "$@"
