#!/usr/bin/env bash
# Restart cost of `wasmlet server` (issue 10): for 1, 50 and 500 deployed apps (hello-c, each its
# own app and revision), stop the server, start it again on the same data directory, and time from
# the process's start to: the gateway listening, app0's first 200, and every app answering 200.
# Usage: bench/restart.sh [app counts, default "1 50 500"]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
COUNTS="${1:-1 50 500}"
source scripts/find-java.sh >/dev/null
WASMLET_NO_BUILD=0 ./wasmlet version >/dev/null   # builds the CLI if needed
source scripts/jvm-opts.sh
JOPTS="${WASMLET_JAVA_OPTS:-$WASMLET_SERVER_JAVA_OPTS}"
CP="cli/target/wasmlet-cli.jar:cli/target/lib/*"
GW=127.0.0.1:18481; ADM=127.0.0.1:17471
WORK="$(mktemp -d)"; PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
now_ms() { date +%s%3N; }
start_server() { # data
  java $JOPTS -cp "$CP" dev.wasmlet.cli.Main server --data "$1" --listen $GW --admin-listen $ADM \
    >>"$WORK/server.log" 2>&1 &
  PID=$!
}
stop_server() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }
# Polls every app with one curl process per round (a curl per app would cost more than the server).
all_answer() {
  local pending=() codes
  for i in $(seq 0 $((n - 1))); do pending+=("$i"); done
  while ((${#pending[@]})); do
    : >"$WORK/urls"
    for i in "${pending[@]}"; do printf 'url = "http://%s/app%s/hello"\noutput = /dev/null\n' "$GW" "$i" >>"$WORK/urls"; done
    codes=$(curl -s -K "$WORK/urls" -w '%{http_code}\n' || true)
    local still=() k=0
    while read -r code; do
      [ "$code" = 200 ] || still+=("${pending[$k]}")
      k=$((k + 1))
    done <<<"$codes"
    pending=("${still[@]}")
    ((${#pending[@]})) && sleep 0.005
  done
  return 0
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo "| apps | listening | app0 first 200 | all apps 200 |"
echo "|---|---|---|---|"
for n in $COUNTS; do
  DATA="$WORK/data-$n"
  start_server "$DATA"
  for _ in $(seq 600); do curl -sf "http://$ADM/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  AUTH="Authorization: Bearer $(cat "$DATA/admin.token")"
  up() { local d="sha256:$(sha256sum "$1" | cut -d' ' -f1)"; curl -sf -o /dev/null -X PUT -H "$AUTH" --data-binary @"$1" "http://$ADM/api/v1/blobs/$d"; echo "$d"; }
  WASM=$(up examples/hello-c/hello.wasm); MANI=$(up examples/hello-c/wasmlet.toml)
  for i in $(seq 0 $((n - 1))); do
    curl -sf -o /dev/null -X POST -H "$AUTH" \
      -d "{\"manifest\":\"wasmlet.toml\",\"files\":{\"wasmlet.toml\":\"$MANI\",\"hello.wasm\":\"$WASM\"}}" \
      "http://$ADM/api/v1/apps/app$i/deployments"
  done
  all_answer
  stop_server
  t0=$(now_ms)
  start_server "$DATA"
  until curl -s -o /dev/null "http://$GW/" 2>/dev/null; do sleep 0.005; done
  t_listen=$(( $(now_ms) - t0 ))
  until curl -sf -o /dev/null "http://$GW/app0/hello"; do sleep 0.005; done
  t_first=$(( $(now_ms) - t0 ))
  all_answer
  t_all=$(( $(now_ms) - t0 ))
  stop_server
  echo "| $n | ${t_listen} ms | ${t_first} ms | ${t_all} ms |"
done
