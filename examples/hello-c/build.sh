#!/usr/bin/env bash
# Builds hello.wasm from src/hello.c with Debian's clang + wasi-libc (wasm32-wasi).
# Reproducible: no debug info, no paths, stripped; same source and toolchain -> same bytes.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
  -ffile-prefix-map="$PWD"=. \
  -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o hello.wasm.tmp src/hello.c
mv hello.wasm.tmp hello.wasm
echo "built $(pwd)/hello.wasm ($(wc -c < hello.wasm) bytes)"
