#!/usr/bin/env bash
# Side check for RESULTS.md: Helidon /work with and without Thread.yield() after the guest call (G1).
# Usage: bench/http-compare/yield-check.sh [iterations, default 20588]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; cd "$HERE"
source "$HERE/../../scripts/find-java.sh"
mvn -q -B package >&2
CP="$HERE/target/http-compare.jar:$HERE/target/lib/*"
ITERS="${1:-20588}"
for mode in noyield yield; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  java -Xmx512m -XX:+UseG1GC -cp "$CP" dev.wasmlet.httpcompare.HelidonServer "$port" "$ITERS" "$mode" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/hello"; do sleep 0.05; done
  wrk -t2 -c32 -d10s "http://127.0.0.1:$port/work" >/dev/null
  echo "== Helidon G1GC /work $mode"
  wrk -t2 -c32 -d20s --latency "http://127.0.0.1:$port/work" | grep -E 'Latency|50%|90%|99%|Requests/sec'
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
