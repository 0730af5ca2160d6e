#!/usr/bin/env bash
# Builds wagi.wasm from src/wagi.c with Debian's clang + wasi-libc (wasm32-wasi); the echo component
# comes from ../echo-c. Reproducible: no debug info, no paths, stripped.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
  -ffile-prefix-map="$PWD"=. \
  -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o wagi.wasm.tmp src/wagi.c
mv wagi.wasm.tmp wagi.wasm
echo "built $(pwd)/wagi.wasm ($(wc -c < wagi.wasm) bytes)"
