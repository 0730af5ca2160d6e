#!/usr/bin/env bash
# Serves a wasi:http 0.2 component with the reference host `jco serve` (jco 1.35.0, Node's
# preview2-shim), for differential tests and benchmarks against Wasmlet's component host.
#
#   scripts/jco-serve.sh COMPONENT.wasm PORT [extra jco serve options...]
#
# Listens on 127.0.0.1:PORT with a fresh component instance per request
# (`--isolate-requests instance`: core modules compiled once, instantiated per request).
# JCO_SERVE_ISOLATE=worker uses jco's one-shot worker pool instead; JCO_SERVE_ISOLATE=none
# serves every request from one long-lived instance (jco serve's default), e.g. to compare.
# A guest trap or a failed request is logged and the server serves on (jco-serve-survive.mjs;
# jco serve alone exits on the first one; the failed request gets no response).
# Runs in the foreground; a caller may start it in the background and stop it with
# `kill PID` (TERM, INT or HUP): jco serve runs the server in a second node process, so this
# script keeps both in one process group and ends that group, and removes its transpile dir.
# (A `kill -9` of this script's PID leaves that node child running: don't.)
# Prints "Server listening @ 127.0.0.1:PORT..." on stderr once it accepts connections, after
# jco has transpiled the component (1-2 s for the 14-18 MB examples on 2 cores): poll the port
# rather than sleeping a fixed time.
#
# jco comes from examples/js-component/node_modules (pinned there by package-lock.json);
# it is installed with `npm ci` when missing.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 COMPONENT.wasm PORT [jco serve options...]" >&2
  exit 2
fi
component=$1
port=$2
shift 2
[[ -f $component ]] || { echo "jco-serve: no such component: $component" >&2; exit 1; }
[[ $port =~ ^[0-9]+$ ]] || { echo "jco-serve: PORT must be a number: $port" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jsdir=$root/examples/js-component
jco=$jsdir/node_modules/.bin/jco
if [[ ! -x $jco ]]; then
  echo "jco-serve: installing jco into $jsdir/node_modules (npm ci)" >&2
  (cd "$jsdir" && npm ci --no-audit --no-fund >&2)
fi

component=$(cd "$(dirname "$component")" && pwd)/$(basename "$component")

# componentize-py output uses extended constant expressions (i32.add in a global initializer),
# which Node 20's V8 (11.3) only compiles with this flag; jco serve passes JCO_RUN_ARGS to the
# node process it runs the server in. Newer Nodes have it on by default.
if [[ -z ${JCO_RUN_ARGS+x} ]] && node --v8-options 2>/dev/null |
    grep -q -- 'default: --no-experimental-wasm-extended-const'; then
  export JCO_RUN_ARGS=--experimental-wasm-extended-const
fi
workdir=$(mktemp -d "${TMPDIR:-/tmp}/jco-serve.XXXXXX")

child=
cleanup() {
  if [[ -n $child ]]; then
    kill -TERM -- "-$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
    child=
  fi
  rm -rf "$workdir"
}
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 129' HUP
trap cleanup EXIT

# Job control: the background job gets its own process group (pgid = its pid), which the node
# process that jco serve spawns inherits, so cleanup can end both with one kill.
isolate=(--isolate-requests "${JCO_SERVE_ISOLATE:-instance}")
case ${JCO_SERVE_ISOLATE:-instance} in
  instance | worker) ;;
  none) isolate=() ;;
  *) echo "jco-serve: JCO_SERVE_ISOLATE must be instance, worker or none" >&2; exit 2 ;;
esac
set -m
"$jco" serve "$component" --host 127.0.0.1 --port "$port" \
  "${isolate[@]}" --jco-dir "$workdir" --jco-import "$root/scripts/jco-serve-survive.mjs" "$@" &
child=$!
set +m
set +e
wait "$child"
rc=$?
child=
exit "$rc"
