#!/usr/bin/env bash
# Builds the shared-table test component from shared-table.wat:
#
#   component/src/test/guests/shared-table/build.sh OUTDIR
#
# writes OUTDIR/shared-table.wasm. The committed copy lives in
# component/src/test/resources/components/; rebuild it with
# `build.sh component/src/test/resources/components`.
# Tool: scripts/component-tools.sh (pinned wasm-tools 1.263.0). Same source, same bytes.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out="$(cd "$1" && pwd)"
cd "$(dirname "$0")"
tools="$(bash ../../../../../scripts/component-tools.sh)"
"$tools/wasm-tools" parse shared-table.wat -o "$out/shared-table.wasm"
"$tools/wasm-tools" validate "$out/shared-table.wasm"
echo "$out/shared-table.wasm"
