#!/usr/bin/env bash
# HTTP benchmark on loopback with wrk: the hello-c guest served by `wasmlet up` against a plain Java
# handler returning the same bytes on the same Helidon server (bench PlainServer), in the same run.
# Usage: bench/http.sh [duration, default 20s] [connections, default 32]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION="${1:-20s}"
CONNS="${2:-32}"
source scripts/find-java.sh
command -v wrk >/dev/null || bash scripts/install-toolchains.sh
mvn -q -B -Dquickly -pl bench -am package >&2
source scripts/jvm-opts.sh
bash scripts/cds-train.sh
JOPTS="${WASMLET_JAVA_OPTS:-$WASMLET_DEFAULT_JAVA_OPTS}"
CP="cli/target/wasmlet-cli.jar:cli/target/lib/*"
BCP="bench/target/wasmlet-bench.jar:bench/target/lib/*"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "server at $1 did not come up" >&2; return 1
}
run_wrk() { # name url
  wrk -t2 -c"$CONNS" -d5s "$2" >/dev/null   # warm-up (JIT)
  wrk -t2 -c"$CONNS" -d5s "$2" >/dev/null
  local out; out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$2")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf "| %-24s | %10s | %8s | %8s |\n" "$1" "$rps" "$p50" "$p99"
  echo "$rps" > "/tmp/wasmlet-bench-$1.rps"
}

java $JOPTS -cp "$CP" dev.wasmlet.cli.Main up examples/hello-c --listen 127.0.0.1:3100 >/dev/null 2>&1 &
PIDS+=($!)
java $JOPTS -cp "$BCP" dev.wasmlet.bench.PlainServer 3101 >/dev/null 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:3100/hello
wait_for http://127.0.0.1:3101/hello
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), JVM opts: $JOPTS, wrk -t2 -c$CONNS -d$DURATION"
echo "| server                   |      req/s |      p50 |      p99 |"
echo "|--------------------------|------------|----------|----------|"
run_wrk plain-java http://127.0.0.1:3101/hello
run_wrk wasm-hello-c http://127.0.0.1:3100/hello
plain=$(cat /tmp/wasmlet-bench-plain-java.rps); wasm=$(cat /tmp/wasmlet-bench-wasm-hello-c.rps)
awk -v w="$wasm" -v p="$plain" 'BEGIN { printf "wasm/plain throughput: %.0f%%\n", 100*w/p }'
