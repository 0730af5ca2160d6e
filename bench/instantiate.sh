#!/usr/bin/env bash
# In-process instantiation of components (JMH sample mode, p50/p99): the C hello component as the
# same-run baseline, the Python echo component (componentize-py, 18.5 MB) and the Spin Python app
# (componentize-py + spin-sdk, 37.8 MB), each built first by its example's build.sh (cached).
# Usage: bench/instantiate.sh [extra JMH args, e.g. -wi 2 -i 3]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash examples/python-component/build.sh >/dev/null
bash examples/spin-python/build.sh >/dev/null
source scripts/find-java.sh
mvn -q -B -Dquickly -pl bench -am package >&2
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, $(java -version 2>&1 | head -1)"
exec java -cp "bench/target/wasmlet-bench.jar:bench/target/lib/*" -Dwasmlet.root="$ROOT" \
  org.openjdk.jmh.Main ComponentInstantiateBench -jvmArgsAppend "-Dwasmlet.root=$ROOT" "$@"
