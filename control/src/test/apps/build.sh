#!/usr/bin/env bash
# Builds the control plane's test guests from WAT with wabt's wat2wasm (Debian package wabt): each
# <name>.wat becomes ../resources/apps/<name>/<name>.wasm, next to that app's wasmlet.toml. The
# .wasm files are committed; wat2wasm output is byte-for-byte reproducible, so a rebuild must leave
# git clean. Usage: build.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")"
command -v wat2wasm >/dev/null || { echo "wat2wasm missing: run scripts/install-toolchains.sh" >&2; exit 1; }
out="${1:-../resources/apps}"
for f in *.wat; do
  name="${f%.wat}"
  mkdir -p "$out/$name"
  wat2wasm -o "$out/$name/$name.wasm" "$f"
done
