#!/usr/bin/env bash
# In-process benchmark: fresh-instance WAGI request latency per example (JMH sample mode: p50/p99).
# Usage: bench/inprocess.sh [benchmark regex, default: WagiRequestBench|InstantiateBench]
#                           [extra JMH args, e.g. -p module=examples/hello-c/hello.wasm]
# (MemorySizeBench has its own command, bench/memory.sh, which builds its guests.)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PATTERN='WagiRequestBench|InstantiateBench'
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then PATTERN="$1"; shift; fi
source scripts/find-java.sh
mvn -q -B -Dquickly -pl bench -am package >&2
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -cp "bench/target/wasmlet-bench.jar:bench/target/lib/*" -Dwasmlet.root="$ROOT" \
  org.openjdk.jmh.Main "$PATTERN" -jvmArgsAppend "-Dwasmlet.root=$ROOT" "$@"
