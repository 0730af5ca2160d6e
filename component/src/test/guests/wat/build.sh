#!/usr/bin/env bash
# Builds the component test guests written in WAT, every *.wat here into OUTDIR/<name>.wasm:
#
#   component/src/test/guests/wat/build.sh OUTDIR
#
#   shared-table.wat   two core modules numbering one signature differently (TypeRenumberingTest)
#   spin1-config.wat   Spin 1's unversioned fermyon:spin interfaces (LinkingTest)
#   reuse-state.wat    a global, a table and a passive element segment (InstanceReuseTest)
#
# The committed copies live in component/src/test/resources/components/; rebuild them with
# `build.sh component/src/test/resources/components`. ExamplesRebuildIT checks they match.
# Tool: scripts/component-tools.sh (pinned wasm-tools 1.263.0). Same source, same bytes.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out="$(cd "$1" && pwd)"
cd "$(dirname "$0")"
tools="$(bash ../../../../../scripts/component-tools.sh)"
for wat in *.wat; do
  "$tools/wasm-tools" parse "$wat" -o "$out/${wat%.wat}.wasm"
  "$tools/wasm-tools" validate "$out/${wat%.wat}.wasm"
  echo "$out/${wat%.wat}.wasm"
done
