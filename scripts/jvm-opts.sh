#!/usr/bin/env bash
# The JVM settings Wasmlet ships with, sourced by the launcher and the benchmarks (BENCHMARKS.md):
# - ParallelGC: on 2 cores it served as many or more requests than G1, with less memory.
# - An AppCDS archive of the classes `wasmlet up` loads, made by a training run
#   (scripts/cds-train.sh) after each build: it cuts the JVM's share of time to first 200.
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
_jv=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2; exit}')
WASMLET_CDS_ARCHIVE="$ROOT/cli/target/wasmlet-${_jv//[^A-Za-z0-9.]/_}.jsa"
# SQLite (the server's store) loads its native library through System.load.
WASMLET_BASE_JAVA_OPTS="-XX:+UseParallelGC -Xss1m --enable-native-access=ALL-UNNAMED"
WASMLET_DEFAULT_JAVA_OPTS="$WASMLET_BASE_JAVA_OPTS -XX:SharedArchiveFile=$WASMLET_CDS_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"
# `wasmlet server` runs for weeks and takes deploys that allocate in bursts (a 10,000-route manifest
# grew the heap by ~390 MB): G1 gives that memory back once the server is quiet (a concurrent
# periodic GC after 30 s without one, with tighter free-heap ratios), where ParallelGC keeps it;
# the hello throughput measured the same (BENCHMARKS.md, issue 10).
WASMLET_SERVER_JAVA_OPTS="-XX:+UseG1GC -XX:G1PeriodicGCInterval=30000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss1m --enable-native-access=ALL-UNNAMED -XX:SharedArchiveFile=$WASMLET_CDS_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"
export WASMLET_CDS_ARCHIVE WASMLET_BASE_JAVA_OPTS WASMLET_DEFAULT_JAVA_OPTS WASMLET_SERVER_JAVA_OPTS
unset _jv
