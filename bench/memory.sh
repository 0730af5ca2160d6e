#!/usr/bin/env bash
# Per-request cost by initial memory size (MemorySizeBench): the C hello guest at 2, 17, 160 and 640
# pages, with and without a large data segment, memories restored from an image vs. new per request
# (the baseline, same run). Usage: bench/memory.sh [extra JMH args, e.g. -p pages=2,640]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/find-java.sh
mvn -q -B -Dquickly -pl bench -am package >&2
bash bench/guests/memory/build.sh
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -cp "bench/target/wasmlet-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main \
  'MemorySizeBench' -jvmArgsAppend "-Dwasmlet.root=$ROOT" "$@"
