#!/usr/bin/env bash
# Compares HTTP server libraries for the Wasmlet gateway on loopback with wrk:
# Helidon SE 4 (virtual threads), Undertow 2.3 (blocking handlers dispatched to workers) and the
# JDK's com.sun.net.httpserver (virtual-thread executor), each under ParallelGC and G1 (-Xmx512m).
# Routes: /hello (static body) and /work (~30 us of CPU on the handler thread, like a guest call).
# wrk and the server share the machine's cores.
#
# Usage: bench/http-compare/run.sh [duration, default 20s] [warm-up per route, default 10s] [connections, default 32]
# Raw wrk outputs go to bench/http-compare/target/results/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$HERE"
DURATION="${1:-20s}"
WARMUP="${2:-10s}"
CONNS="${3:-32}"
SERVERS="${SERVERS:-Helidon Undertow Jdk}"
GCS="${GCS:-ParallelGC G1GC}"
source "$ROOT/scripts/find-java.sh"
command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
mvn -q -B package >&2
CP="$HERE/target/http-compare.jar:$HERE/target/lib/*"
OUTDIR="$HERE/target/results"
rm -rf "$OUTDIR"; mkdir -p "$OUTDIR"

PID=""
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # server user+sys CPU, in clock ticks
TCK=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4}' /proc/stat; } # machine user+nice+system ticks
# The box is shared with other sessions (builds, JMH, other wrk runs): before each measurement wait,
# at most QUIET_WAIT seconds (default 40), until the machine is below 10% busy for a second while our
# server idles. The "other CPU %" column then reports what foreign load remained during the window.
wait_quiet() {
  local b0 b1
  for _ in $(seq 1 "${QUIET_WAIT:-40}"); do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks)
    [ $(( (b1 - b0) * 100 / TCK )) -lt $(( 10 * $(nproc) )) ] && return 0
  done
  echo "warning: machine still busy with other work; measuring anyway" >&2
}


# Same work in every server: iteration count calibrated once here, passed to all of them.
ITERS=$(java -cp "$CP" dev.wasmlet.httpcompare.Work 30 2>"$OUTDIR/calibration.txt")
echo "work iterations: $ITERS ($(cat "$OUTDIR/calibration.txt"))" >&2

start_server() { # server gc port -> sets PID
  java -Xmx512m "-XX:+Use$2" -cp "$CP" "dev.wasmlet.httpcompare.$1Server" "$3" "$ITERS" \
    >"$OUTDIR/$1-$2.log" 2>&1 &
  PID=$!
}
stop_server() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }
wait_up() { # url -> prints ms from the call until the first 200 (tight curl loop)
  local t0=$1 url=$2
  for _ in $(seq 1 2000); do
    if curl -sf -o /dev/null "$url"; then echo $(( $(now_ms) - t0 )); return 0; fi
    sleep 0.005
  done
  echo "server at $url did not come up" >&2; return 1
}

STARTUP_ROWS=()
RUN_ROWS=()
for gc in $GCS; do
  for s in $SERVERS; do
    # Startup: process start -> first successful GET /hello, 3 runs.
    times=()
    for i in 1 2 3; do
      port=$(free_port); t0=$(now_ms); start_server "$s" "$gc" "$port"
      times+=("$(wait_up "$t0" "http://127.0.0.1:$port/hello")")
      stop_server
    done
    STARTUP_ROWS+=("$s|$gc|${times[0]}|${times[1]}|${times[2]}")

    port=$(free_port); t0=$(now_ms); start_server "$s" "$gc" "$port"
    wait_up "$t0" "http://127.0.0.1:$port/hello" >/dev/null
    for route in hello work; do
      url="http://127.0.0.1:$port/$route"
      wrk -t2 -c"$CONNS" -d"$WARMUP" "$url" >"$OUTDIR/$s-$gc-$route-warmup.txt"
    done
    for route in hello work; do
      url="http://127.0.0.1:$port/$route"
      echo "measuring $s $gc /$route ..." >&2
      wait_quiet
      c0=$(cpu_ticks "$PID"); b0=$(busy_ticks)
      out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$url"; echo "wrk-cpu"; times)
      c1=$(cpu_ticks "$PID"); b1=$(busy_ticks)
      # CPU used by anything other than this server and this wrk during the window, % of all cores.
      wrk_s=$(tail -1 <<<"$out" | awk '{t=0; for (i=1;i<=2;i++) {split($i,a,"m"); t+=a[1]*60+a[2]}; print t}')
      secs=$(awk '/requests in/ {sub(",","",$4); sub("s","",$4); print $4}' <<<"$out")
      other=$(awk -v b=$((b1 - b0)) -v c=$((c1 - c0)) -v t="$TCK" -v w="$wrk_s" -v s="$secs" -v n="$(nproc)" \
        'BEGIN {o = (b - c) / t - w; if (o < 0) o = 0; printf "%.0f", 100 * o / (s * n)}')
      echo "$out" >"$OUTDIR/$s-$gc-$route.txt"
      out=$(sed '/^wrk-cpu/,$d' <<<"$out")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out")
      p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      errs=$(awk '/Socket errors|Non-2xx/ {printf "%s ", $0}' <<<"$out")
      reqs=$(awk '/requests in/ {print $1}' <<<"$out")
      cpu=$(awk -v d=$((c1 - c0)) -v t="$TCK" -v n="$reqs" 'BEGIN {printf "%.1f", d / t * 1e6 / n}')
      RUN_ROWS+=("$s|$gc|/$route|$rps|$p50|$p99|$cpu|$other|${errs:-none}")
    done
    rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status")
    hwm=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$PID/status")
    thr=$(awk '/Threads/ {print $2}' "/proc/$PID/status")
    RUN_ROWS+=("$s|$gc|rss|${rss}|${hwm}|${thr}|||")
    stop_server
  done
done

{
  echo "## Machine"
  echo
  echo "- nproc: $(nproc), CPU: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), RAM: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "- wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); wrk and server share the same $(nproc) cores"
  echo "- /work iterations: $ITERS ($(cat "$OUTDIR/calibration.txt"))"
  echo "- load: wrk -t2 -c$CONNS -d$DURATION --latency, after ${WARMUP} warm-up per route; JVM: -Xmx512m -XX:+Use<GC>"
  echo
  echo "## Throughput and latency"
  echo
  echo "| server | GC | route | req/s | p50 | p99 | server CPU us/req | other CPU % | errors |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---|"
  for r in "${RUN_ROWS[@]}"; do
    IFS='|' read -r s gc route a b c d e f <<<"$r"
    [ "$route" = rss ] && continue
    echo "| $s | $gc | $route | $a | $b | $c | $d | $e | $f |"
  done
  echo
  echo "## Server memory after the run"
  echo
  echo "| server | GC | VmRSS MiB | VmHWM (peak) MiB | threads |"
  echo "|---|---|---:|---:|---:|"
  for r in "${RUN_ROWS[@]}"; do
    IFS='|' read -r s gc route a b c d e f <<<"$r"
    [ "$route" = rss ] || continue
    echo "| $s | $gc | $a | $b | $c |"
  done
  echo
  echo "## Startup (process start -> first 200 on /hello, ms; 3 runs)"
  echo
  echo "| server | GC | run 1 | run 2 | run 3 |"
  echo "|---|---|---:|---:|---:|"
  for r in "${STARTUP_ROWS[@]}"; do
    IFS='|' read -r s gc a b c <<<"$r"
    echo "| $s | $gc | $a | $b | $c |"
  done
} | tee "$OUTDIR/summary.md"
