#!/usr/bin/env bash
# Builds static.wasm from src/static.c with Debian's clang + wasi-libc (wasm32-wasi).
# Reproducible: no debug info, no paths, stripped; same source and toolchain -> same bytes.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
  -ffile-prefix-map="$PWD"=. \
  -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o static.wasm.tmp src/static.c
mv static.wasm.tmp static.wasm
echo "built $(pwd)/static.wasm ($(wc -c < static.wasm) bytes)"
