#!/usr/bin/env bash
# wasi:http components over HTTP on loopback with wrk, every server measured in the same run, a
# fresh instance per request everywhere:
#   wagi-hello-c        `wasmlet up examples/hello-c` (WAGI core module): Wasmlet's own baseline
#   component-hello     `wasmlet up examples/hello-component` (the C wasi:http component)
#   jco-hello           `jco serve --isolate-requests instance` on the same component
#                       (scripts/jco-serve.sh), the issue's reference host
# With SET=guests instead, the large built guests against jco on the same components:
#   component-python    `wasmlet up examples/python-component/app` (componentize-py, 18.5 MB)
#   jco-python          scripts/jco-serve.sh on the same component
#   component-js        `wasmlet up examples/js-component/app` (componentize-js, 14 MB)
#   jco-js              scripts/jco-serve.sh on the same component
# In both sets, `wasmtime serve` 48.0.8 (the issue's native anchor, a fresh instance per request)
# on the same components: wasmtime-* with its default allocator, wasmtime-pool-* with
# -O pooling-allocator=y; -S cli=y links wasi:cli (environment, exit, stdio), which the Python and
# JS components import beyond the proxy world. bench/tools.sh builds it when missing (~25 min to over an hour on 2
# cores, cached under .wasmlet/tools); WASMTIME=0 leaves it out.
# For each: two 5 s warm-ups, then DURATION measured with --latency.
#
# Usage: [SET=hello|guests] [WASMTIME=0] bench/component-http.sh [duration, default 10s]
#        [connections, default 8]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION="${1:-10s}"
CONNS="${2:-8}"
source scripts/find-java.sh
command -v wrk >/dev/null || bash scripts/install-toolchains.sh
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -q -B -Dquickly -pl cli -am package >&2
source scripts/jvm-opts.sh
JOPTS="${WASMLET_JAVA_OPTS:-$WASMLET_DEFAULT_JAVA_OPTS}"
CP="cli/target/wasmlet-cli.jar:cli/target/lib/*"

WASMTIME_BIN=""
if [ "${WASMTIME:-1}" != 0 ]; then
  WASMTIME_BIN="$(command -v wasmtime || true)"
  [ -n "$WASMTIME_BIN" ] || { bash bench/tools.sh; WASMTIME_BIN="$ROOT/.wasmlet/tools/bin/wasmtime"; }
fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
declare -A URL_OF
ORDER=()
start() { # name url command...
  local name=$1 url=$2; shift 2
  "$@" >/dev/null 2>&1 &
  PIDS+=($!); URL_OF[$name]=$url; ORDER+=("$name")
}
if [ "${SET:-hello}" = guests ]; then
  py=$(bash examples/python-component/build.sh)
  js=$(bash examples/js-component/build.sh)
  start component-python http://127.0.0.1:3403/py/x \
    java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up examples/python-component/app --listen 127.0.0.1:3403
  start jco-python http://127.0.0.1:3404/py/x bash scripts/jco-serve.sh "$py" 3404
  start component-js http://127.0.0.1:3405/js/x \
    java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up examples/js-component/app --listen 127.0.0.1:3405
  start jco-js http://127.0.0.1:3406/js/x bash scripts/jco-serve.sh "$js" 3406
  if [ -n "$WASMTIME_BIN" ]; then
    start wasmtime-python http://127.0.0.1:3407/py/x "$WASMTIME_BIN" serve -S cli=y --addr 127.0.0.1:3407 "$py"
    start wasmtime-js http://127.0.0.1:3408/js/x "$WASMTIME_BIN" serve -S cli=y --addr 127.0.0.1:3408 "$js"
  fi
else
  start wagi-hello-c http://127.0.0.1:3400/hello \
    java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up examples/hello-c --listen 127.0.0.1:3400
  start component-hello http://127.0.0.1:3401/hello \
    java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up examples/hello-component --listen 127.0.0.1:3401
  start jco-hello http://127.0.0.1:3402/hello \
    bash scripts/jco-serve.sh examples/hello-component/hello.wasm 3402
  if [ -n "$WASMTIME_BIN" ]; then
    start wasmtime-hello http://127.0.0.1:3409/hello \
      "$WASMTIME_BIN" serve -S cli=y --addr 127.0.0.1:3409 examples/hello-component/hello.wasm
    start wasmtime-pool-hello http://127.0.0.1:3410/hello \
      "$WASMTIME_BIN" serve -S cli=y --addr 127.0.0.1:3410 -O pooling-allocator=y \
      examples/hello-component/hello.wasm
  fi
fi
for name in "${ORDER[@]}"; do
  for _ in $(seq 1 1200); do curl -sf -o /dev/null "${URL_OF[$name]}" && break; sleep 0.1; done
  curl -sf -o /dev/null "${URL_OF[$name]}" || { echo "$name did not come up" >&2; exit 1; }
done

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "wrk -t1 -c$CONNS -d$DURATION, after two 5 s warm-ups; $(date -u +%FT%TZ); wasmtime: ${WASMTIME_BIN:+$("$WASMTIME_BIN" --version)}"
printf '%-18s %10s %10s %10s\n' server req/s p50 p99
for name in "${ORDER[@]}"; do
  url=${URL_OF[$name]}
  wrk -t1 -c"$CONNS" -d5s "$url" >/dev/null
  wrk -t1 -c"$CONNS" -d5s "$url" >/dev/null
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --latency "$url")
  awk -v n="$name" '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2}
     END {printf "%-18s %10s %10s %10s\n", n, rps, p50, p99}' <<<"$out"
  if grep -q "Non-2xx" <<<"$out"; then echo "  $name: $(grep Non-2xx <<<"$out")"; fi
done
