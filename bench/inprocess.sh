#!/usr/bin/env bash
# In-process benchmark: fresh-instance WAGI request latency per example (JMH sample mode: p50/p99).
# Usage: bench/inprocess.sh [extra JMH args, e.g. -p module=examples/hello-c/hello.wasm]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/find-java.sh
mvn -q -B -Dquickly -pl bench -am package >&2
exec java -cp "bench/target/wasmlet-bench.jar:bench/target/lib/*" -Dwasmlet.root="$ROOT" \
  org.openjdk.jmh.Main '.*Bench' -jvmArgsAppend "-Dwasmlet.root=$ROOT" "$@"
