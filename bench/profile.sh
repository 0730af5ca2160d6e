#!/usr/bin/env bash
# Where a request's CPU goes: the wasm route (`wasmlet up examples/hello-c`) against the plain Java
# handler on the same Helidon server, each under `wrk -t1 -c8` after a 20 s warm-up, profiled for
# 10 s with async-profiler (from Maven Central, tools.profiler:async-profiler; the ctimer event, so
# native and kernel-entry frames are seen without perf_events), then split by
# bench/profile-classify.py and scaled by each process's measured CPU per request.
# Usage: bench/profile.sh [out dir, default bench/target/profile]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="${1:-bench/target/profile}"
mkdir -p "$OUT"
source scripts/find-java.sh
command -v wrk >/dev/null || bash scripts/install-toolchains.sh
AP_VERSION=4.2
AP_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar"
[ -f "$AP_JAR" ] || mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION" >&2
(cd "$OUT" && unzip -o -q "$AP_JAR" 'linux-x64/*')
LIB="$ROOT/$OUT/linux-x64/libasyncProfiler.so"
mvn -q -B -Dquickly -pl bench -am package >&2
source scripts/jvm-opts.sh
bash scripts/cds-train.sh
JOPTS="${WASMLET_JAVA_OPTS:-$WASMLET_DEFAULT_JAVA_OPTS} -XX:+EnableDynamicAgentLoading"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
java $JOPTS -cp "cli/target/wasmlet-cli.jar:cli/target/lib/*" dev.wasmlet.cli.Main up examples/hello-c \
  --listen 127.0.0.1:3100 >/dev/null 2>&1 &
WASM=$!; PIDS+=($WASM)
java $JOPTS -cp "bench/target/wasmlet-bench.jar:bench/target/lib/*" dev.wasmlet.bench.PlainServer 3101 \
  >/dev/null 2>&1 &
PLAIN=$!; PIDS+=($PLAIN)
for port in 3100 3101; do
  for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:$port/hello" && break; sleep 0.05; done
done
profile() { # port pid file -> prints "req/s cpu_us_per_request"
  local url="http://127.0.0.1:$1/hello" c0 c1 out n
  wrk -t1 -c8 -d20s "$url" >/dev/null
  jcmd "$2" JVMTI.agent_load "$LIB" '"start,event=ctimer,interval=1ms"' >/dev/null
  c0=$(awk '{print $14 + $15}' "/proc/$2/stat")
  out=$(wrk -t1 -c8 -d10s "$url")
  c1=$(awk '{print $14 + $15}' "/proc/$2/stat")
  jcmd "$2" JVMTI.agent_load "$LIB" "\"stop,collapsed,file=$ROOT/$3\"" >/dev/null
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v c="$((c1 - c0))" -v n="$n" -v hz="$(getconf CLK_TCK)" \
    '/Requests\/sec/ {printf "%s %.1f\n", $2, c * 1e6 / hz / n}' <<<"$out"
}
read -r wrps wcpu <<<"$(profile 3100 "$WASM" "$OUT/wasm.collapsed")"
read -r prps pcpu <<<"$(profile 3101 "$PLAIN" "$OUT/plain.collapsed")"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores; wrk -t1 -c8"
echo "wasm hello-c: $wrps req/s, $wcpu us CPU/request; plain Java: $prps req/s, $pcpu us CPU/request"
python3 bench/profile-classify.py "$OUT/wasm.collapsed" "$OUT/plain.collapsed" "$wcpu" "$pcpu"
