#!/usr/bin/env bash
# Builds counter.wasm, a wasi:http 0.2 component, from src/counter.c (see ../tools/component-build.sh:
# wit-bindgen c + clang 14 reactor + wasm-tools component new, pinned by scripts/component-tools.sh).
# Reproducible: same source and tools -> same bytes, whatever the checkout path.
set -euo pipefail
cd "$(dirname "$0")"
bash ../tools/component-build.sh src/counter.c counter.wasm
