#!/usr/bin/env bash
# Builds json-api.wasm from src/main.rs with Debian's rustc (wasm32-wasi, std only, no cargo).
# Always /usr/bin/rustc (the Debian package), never a rustup shim that may come first on PATH.
# Reproducible: --remap-path-prefix hides the checkout path; stripped; no debug info.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/rustc --edition 2021 --target wasm32-wasi -O \
  -C codegen-units=1 -C lto -C panic=abort -C strip=symbols -C debuginfo=0 \
  -C link-arg=-zstack-size=65536 \
  --remap-path-prefix "$PWD"=. --remap-path-prefix "$HOME"=~ \
  --crate-name json_api -o json-api.wasm.tmp src/main.rs
mv json-api.wasm.tmp json-api.wasm
echo "built $(pwd)/json-api.wasm ($(wc -c < json-api.wasm) bytes)"
