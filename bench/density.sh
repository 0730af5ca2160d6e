#!/usr/bin/env bash
# Memory per deployed idle app on `wasmlet server` (issue 10): deploys N hello-c apps (each its own
# app, same module), waits 20 s (idle), then after two full GCs reports the heap in use and the
# process's RSS, against
# the same figures with no app, so the per-app cost includes what the JVM keeps committed. Also a
# 10,000-route manifest: RSS before, at the peak of its deploy and after two full GCs.
# Usage: bench/density.sh [apps, default 1000] [JVM options, default: the shipped server options]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
N="${1:-1000}"
source scripts/find-java.sh >/dev/null
WASMLET_NO_BUILD=0 ./wasmlet version >/dev/null
source scripts/jvm-opts.sh
JOPTS="${2:-$WASMLET_SERVER_JAVA_OPTS}"
CP="cli/target/wasmlet-cli.jar:cli/target/lib/*"
GW=127.0.0.1:18484; ADM=127.0.0.1:17474
WORK="$(mktemp -d)"; PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
start() {
  java $JOPTS -cp "$CP" dev.wasmlet.cli.Main server --data "$WORK/data" --listen $GW --admin-listen $ADM \
    >"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 600); do curl -sf "http://$ADM/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  AUTH="Authorization: Bearer $(cat "$WORK/data/admin.token")"
}
up() { local d="sha256:$(sha256sum "$1" | cut -d' ' -f1)"; curl -sf -o /dev/null -X PUT -H "$AUTH" --data-binary @"$1" "http://$ADM/api/v1/blobs/$d"; echo "$d"; }
settle() { jcmd "$PID" GC.run >/dev/null; sleep 1; jcmd "$PID" GC.run >/dev/null; sleep 1; }
heap() { jcmd "$PID" GC.heap_info | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' | awk '{s+=$1} END {print s}'; }
rss() { grep VmRSS "/proc/$PID/status" | grep -oE '[0-9]+'; }
deploy() { # app manifest-digest module-digest
  curl -sf -o /dev/null -X POST -H "$AUTH" \
    -d "{\"manifest\":\"wasmlet.toml\",\"files\":{\"wasmlet.toml\":\"$2\",\"hello.wasm\":\"$3\"}}" \
    "http://$ADM/api/v1/apps/$1/deployments"
}
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores; JVM: $JOPTS"
start
WASM=$(up examples/hello-c/hello.wasm); MANI=$(up examples/hello-c/wasmlet.toml)
deploy app0 "$MANI" "$WASM"; until curl -sf -o /dev/null "http://$GW/app0/hello"; do sleep 0.05; done
settle; h0=$(heap); r0=$(rss)
for i in $(seq 1 $((N - 1))); do deploy "app$i" "$MANI" "$WASM"; done
until curl -sf -o /dev/null "http://$GW/app$((N - 1))/hello"; do sleep 0.1; done
sleep 20  # idle: pooled memories unused for 10 s are given back (health probes still run)
settle; h1=$(heap); r1=$(rss)
echo "1 app: heap ${h0} KiB, RSS ${r0} KiB; $N apps: heap ${h1} KiB, RSS ${r1} KiB"
echo "per idle app: heap $(( (h1 - h0) * 1024 / (N - 1) )) bytes, RSS $(( (r1 - r0) * 1024 / (N - 1) )) bytes"
kill "$PID"; wait "$PID" 2>/dev/null || true; rm -rf "$WORK/data"
start
python3 - "$WORK" <<'PY'
import sys
lines=['wasmlet_manifest_version = 1','[application]','name = "many"','']
for i in range(10000):
    lines+=['[[trigger.http]]',f'route = "/r{i}"','component = "hello"','']
lines+=['[component.hello]','source = "hello.wasm"']
open(sys.argv[1]+'/wasmlet.toml','w').write('\n'.join(lines)+'\n')
PY
M=$(up "$WORK/wasmlet.toml"); WASM=$(up examples/hello-c/hello.wasm)
settle; b=$(rss); peak=$b
deploy many "$M" "$WASM"
until curl -sf -o /dev/null "http://$GW/many/r9999"; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.05; done
r=$(rss); [ "$r" -gt "$peak" ] && peak=$r
settle; a=$(rss)
echo "10,000 routes: RSS before ${b} KiB, peak ${peak} KiB, after full GCs ${a} KiB; heap in use $(heap) KiB"
