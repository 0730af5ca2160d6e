#!/usr/bin/env bash
# Time from starting `wasmlet up examples/hello-c` to its first 200, cold (empty compile cache)
# and warm (cache filled by the previous run). Each is the median of RUNS runs.
# Usage: bench/startup.sh [runs, default 5] [example, default hello-c] [path, default /hello]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"; EXAMPLE="${2:-hello-c}"; PATH_="${3:-/hello}"
source scripts/find-java.sh
mvn -q -B -Dquickly -pl cli -am package >&2
source scripts/jvm-opts.sh
bash scripts/cds-train.sh
JOPTS="${WASMLET_JAVA_OPTS:-$WASMLET_DEFAULT_JAVA_OPTS}"
CP="cli/target/wasmlet-cli.jar:cli/target/lib/*"
CACHE=$(mktemp -d)
trap 'rm -rf "$CACHE"' EXIT

once() { # prints ms to first 200
  local start pid ms
  start=$(date +%s%N)
  java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up "examples/$EXAMPLE" --listen 127.0.0.1:3200 --cache-dir "$CACHE" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:3200$PATH_"; do sleep 0.005; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cold=$(for _ in $(seq "$RUNS"); do rm -rf "${CACHE:?}"/*; once; done | median)
once >/dev/null
warm=$(for _ in $(seq "$RUNS"); do once; done | median)
echo "wasmlet up examples/$EXAMPLE -> first 200 on $PATH_ (median of $RUNS, JVM start included): cold cache ${cold} ms, warm cache ${warm} ms"
