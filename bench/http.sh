#!/usr/bin/env bash
# HTTP benchmark on loopback with wrk, every server measured in the same run:
#   plain-java     a Java handler returning the same 20 bytes on the same Helidon server
#                  (bench PlainServer, same JVM options): the baseline of the wasm/plain ratio
#   wasm-hello-c   `wasmlet up examples/hello-c` (WAGI, a fresh instance per request)
#   baseline       (only with BASELINE=DIR) the same app on another, built Wasmlet checkout
#   wasmtime       `wasmtime serve` 48.0.8 on the same handler as a C wasi:http component
#                  (bench/guests/http-c), a fresh instance per request; and with its pooling
#                  allocator (-O pooling-allocator=y). Built by bench/tools.sh when missing
#                  (over an hour on 2 cores); WASMTIME=0 leaves it out.
# For each server: two 5 s warm-ups, then DURATION measured with --latency; CPU per request is the
# server process's user+system time over the measured window divided by the requests answered.
#
# Usage: bench/http.sh [duration, default 20s] [connections, default 32] [runs, default 1]
#        BASELINE=/path/to/other/checkout bench/http.sh 10s 8 3
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION="${1:-20s}"
CONNS="${2:-32}"
RUNS="${3:-1}"
THREADS="${WRK_THREADS:-$([ "$CONNS" -le 8 ] && echo 1 || echo 2)}"
source scripts/find-java.sh
command -v wrk >/dev/null || bash scripts/install-toolchains.sh
mvn -q -B -Dquickly -pl bench -am package >&2
source scripts/jvm-opts.sh
bash scripts/cds-train.sh
JOPTS="${WASMLET_JAVA_OPTS:-$WASMLET_DEFAULT_JAVA_OPTS}"
CP="cli/target/wasmlet-cli.jar:cli/target/lib/*"
BCP="bench/target/wasmlet-bench.jar:bench/target/lib/*"
WASMTIME_BIN=""
if [ "${WASMTIME:-1}" != 0 ]; then
  WASMTIME_BIN="$(command -v wasmtime || true)"
  [ -n "$WASMTIME_BIN" ] || { bash bench/tools.sh; WASMTIME_BIN="$ROOT/.wasmlet/tools/bin/wasmtime"; }
  bash bench/guests/http-c/build.sh
fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
declare -A PID_OF URL_OF
start() { # name url command...
  local name=$1 url=$2; shift 2
  "$@" >/dev/null 2>&1 &
  PIDS+=($!); PID_OF[$name]=$!; URL_OF[$name]=$url; ORDER+=("$name")
}
ORDER=()
start plain-java http://127.0.0.1:3101/hello java $JOPTS -cp "$BCP" dev.wasmlet.bench.PlainServer 3101
start wasm-hello-c http://127.0.0.1:3100/hello \
  java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up examples/hello-c --listen 127.0.0.1:3100
if [ -n "${BASELINE:-}" ]; then
  start baseline http://127.0.0.1:3102/hello java $WASMLET_BASE_JAVA_OPTS \
    -cp "$BASELINE/cli/target/wasmlet-cli.jar:$BASELINE/cli/target/lib/*" dev.wasmlet.cli.Main \
    up "$BASELINE/examples/hello-c" --listen 127.0.0.1:3102
fi
if [ -n "$WASMTIME_BIN" ]; then
  start wasmtime http://127.0.0.1:3300/hello \
    "$WASMTIME_BIN" serve --addr 127.0.0.1:3300 bench/target/guests/hello-http.wasm
  start wasmtime-pooling http://127.0.0.1:3301/hello \
    "$WASMTIME_BIN" serve --addr 127.0.0.1:3301 -O pooling-allocator=y \
    bench/target/guests/hello-http.wasm
fi
for name in "${ORDER[@]}"; do
  for _ in $(seq 1 200); do curl -sf -o /dev/null "${URL_OF[$name]}" && break; sleep 0.05; done
  curl -sf -o /dev/null "${URL_OF[$name]}" || { echo "$name did not come up" >&2; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # name -> "rps p50 p99 cpu_us_per_request"
  local url=${URL_OF[$1]} pid=${PID_OF[$1]} out c0 c1 n
  wrk -t"$THREADS" -c"$CONNS" -d5s "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNS" -d5s "$url" >/dev/null
  c0=$(cpu_ticks "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$url")
  c1=$(cpu_ticks "$pid")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v c="$((c1 - c0))" -v n="$n" -v hz="$(getconf CLK_TCK)" \
    '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2}
     END {printf "%s %s %s %.1f\n", rps, p50, p99, c * 1e6 / hz / n}' <<<"$out"
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "JVM opts: $JOPTS; wrk -t$THREADS -c$CONNS -d$DURATION; wasmtime: ${WASMTIME_BIN:+$("$WASMTIME_BIN" --version)}"
for run in $(seq 1 "$RUNS"); do
  echo
  echo "run $run of $RUNS ($(date -u +%H:%M) UTC)"
  echo "| server             |      req/s |      p50 |      p99 | CPU/request |"
  echo "|--------------------|------------|----------|----------|-------------|"
  declare -A RPS=()
  for name in "${ORDER[@]}"; do
    read -r rps p50 p99 cpu <<<"$(measure "$name")"
    RPS[$name]=$rps
    printf "| %-18s | %10s | %8s | %8s | %8s us |\n" "$name" "$rps" "$p50" "$p99" "$cpu"
  done
  ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[$2]}" -v l="$3" 'BEGIN {printf "%s: %.0f%%\n", l, 100 * a / b}'; }
  ratio wasm-hello-c plain-java "wasm/plain throughput"
  [ -z "${BASELINE:-}" ] || ratio baseline plain-java "baseline/plain throughput"
  if [ -n "$WASMTIME_BIN" ]; then
    ratio wasm-hello-c wasmtime "wasm/wasmtime serve"
    ratio wasm-hello-c wasmtime-pooling "wasm/wasmtime serve (pooling)"
  fi
done
