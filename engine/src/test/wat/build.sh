#!/usr/bin/env bash
# Builds the engine's test guests from WAT with wabt's wat2wasm (Debian package wabt) into
# ../resources/wat/. The .wasm files are committed; EngineFixturesIT checks they match a rebuild.
set -euo pipefail
cd "$(dirname "$0")"
command -v wat2wasm >/dev/null || { echo "wat2wasm missing: run scripts/install-toolchains.sh" >&2; exit 1; }
out="${1:-../resources/wat}"
mkdir -p "$out"
for f in *.wat; do
  wat2wasm --enable-all -o "$out/${f%.wat}.wasm" "$f"
done
