#!/usr/bin/env bash
# Benchmarks of `wasmlet server` (issue 3), on loopback:
#   1. deploy -> first 200 of a new revision (a small app, 20 times)
#   2. throughput of one app with 1 app deployed vs with 100 apps deployed (wrk)
#   3. server memory with 1,000 deployed idle apps (heap after a full GC, and RSS)
# Usage: bench/server.sh   (needs curl, wrk, sha256sum; run on an otherwise idle machine)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/scripts/find-java.sh" >/dev/null
DATA="$(mktemp -d)"; WORK="$(mktemp -d)"
GW=127.0.0.1:18480; ADM=127.0.0.1:17470
"$ROOT/wasmlet" server --data "$DATA" --listen $GW --admin-listen $ADM --guest-slots 8 >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA" "$WORK"' EXIT
for _ in $(seq 120); do curl -sf http://$ADM/readyz >/dev/null 2>&1 && break; sleep 0.5; done
TOKEN="$(cat "$DATA/admin.token")"; AUTH="Authorization: Bearer $TOKEN"

upload() { # file -> digest
  local d="sha256:$(sha256sum "$1" | cut -d' ' -f1)"
  curl -sf -o /dev/null -X PUT -H "$AUTH" --data-binary @"$1" "http://$ADM/api/v1/blobs/$d"
  echo "$d"
}
WASM_MARK=$(upload "$ROOT/examples/json-api-rust/json-api.wasm")
WASM_HELLO=$(upload "$ROOT/examples/hello-c/hello.wasm")
MANI_HELLO=$(upload "$ROOT/examples/hello-c/wasmlet.toml")
deploy_hello() { # app
  curl -sf -o /dev/null -X POST -H "$AUTH" -d "{\"manifest\":\"wasmlet.toml\",\"files\":{\"wasmlet.toml\":\"$MANI_HELLO\",\"hello.wasm\":\"$WASM_HELLO\"}}" "http://$ADM/api/v1/apps/$1/deployments"
}
now_ms() { date +%s%3N; }

echo "== deploy to first 200 (json-api-rust, $(stat -c %s "$ROOT/examples/json-api-rust/json-api.wasm") bytes, new revision each time)"
times=()
for i in $(seq 1 20); do
  printf 'wasmlet_manifest_version = 1\n[application]\nname = "m"\n[[trigger.http]]\nroute = "/api/..."\ncomponent = "api"\nexecutor = { type = "wagi" }\n[component.api]\nsource = "app.wasm"\nenvironment = { API_VERSION = "r%s" }\n' "$i" >"$WORK/wasmlet.toml"
  M=$(upload "$WORK/wasmlet.toml")
  t0=$(now_ms)
  curl -sf -o /dev/null -X POST -H "$AUTH" -d "{\"manifest\":\"wasmlet.toml\",\"files\":{\"wasmlet.toml\":\"$M\",\"app.wasm\":\"$WASM_MARK\"}}" "http://$ADM/api/v1/apps/mark/deployments"
  until curl -s "http://$GW/mark/api/items" | grep -q "\"r$i\""; do :; done
  t1=$(now_ms); times+=($((t1 - t0)))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "  ms: min %d, median %d, max %d (n=%d; first includes compiling the module)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
echo "  all (in order): ${times[*]}"

echo "== throughput of app0 /hello (wrk -t2 -c32 -d10s)"
deploy_hello app0; sleep 1
wrk -t2 -c32 -d10s "http://$GW/app0/hello" >/dev/null   # JIT warm-up, as long as a measurement
echo "  1 app deployed:    $(wrk -t2 -c32 -d10s "http://$GW/app0/hello" | grep Requests/sec)"
for i in $(seq 1 99); do deploy_hello "app$i"; done; sleep 3
wrk -t2 -c32 -d10s "http://$GW/app0/hello" >/dev/null   # JIT warm-up, as long as a measurement
echo "  100 apps deployed: $(wrk -t2 -c32 -d10s "http://$GW/app0/hello" | grep Requests/sec)"

heap() { "$JAVA_HOME/bin/jcmd" $PID GC.run >/dev/null; sleep 1; "$JAVA_HOME/bin/jcmd" $PID GC.heap_info | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' | awk '{s+=$1} END {print s}'; }
rss() { grep VmRSS /proc/$PID/status | grep -oE '[0-9]+'; }
echo "== memory with idle apps (heap used after full GC, RSS)"
h100=$(heap); r100=$(rss); echo "  101 apps:  heap ${h100} KiB, RSS ${r100} KiB"
t0=$(now_ms)
for i in $(seq 100 999); do deploy_hello "app$i"; done
for _ in $(seq 60); do
  n=$(curl -s -H "$AUTH" "http://$ADM/metrics" | awk '/^wasmlet_revisions_loaded /{print int($2)}'); [ "${n:-0}" -ge 1001 ] && break; sleep 1
done
echo "  deployed 900 more apps in $(( $(now_ms) - t0 )) ms"
h1000=$(heap); r1000=$(rss); echo "  1001 apps: heap ${h1000} KiB, RSS ${r1000} KiB"
echo "  per idle app: heap $(( (h1000 - h100) * 1024 / 900 )) bytes, RSS $(( (r1000 - r100) * 1024 / 900 )) bytes"
curl -sf "http://$GW/app999/hello" >/dev/null && echo "  app999 answers 200"
