#!/usr/bin/env bash
# Builds the test guests of the testing module from WAT with wabt's wat2wasm into
# ../resources/wasm/ (committed; run after changing a .wat).
set -euo pipefail
cd "$(dirname "$0")"
command -v wat2wasm >/dev/null || { echo "wat2wasm missing: run scripts/install-toolchains.sh" >&2; exit 1; }
for f in *.wat; do
  wat2wasm -o "../resources/wasm/${f%.wat}.wasm" "$f"
done
