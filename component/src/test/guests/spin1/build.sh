#!/usr/bin/env bash
# Builds the Spin 1 test component from spin1-config.wat:
#
#   component/src/test/guests/spin1/build.sh OUTDIR
#
# writes OUTDIR/spin1-config.wasm. The committed copy lives in
# component/src/test/resources/components/; rebuild it with
# `build.sh component/src/test/resources/components`.
# Tool: scripts/component-tools.sh (pinned wasm-tools 1.263.0). Same source, same bytes.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out="$(cd "$1" && pwd)"
cd "$(dirname "$0")"
tools="$(bash ../../../../../scripts/component-tools.sh)"
"$tools/wasm-tools" parse spin1-config.wat -o "$out/spin1-config.wasm"
"$tools/wasm-tools" validate "$out/spin1-config.wasm"
echo "$out/spin1-config.wasm"
