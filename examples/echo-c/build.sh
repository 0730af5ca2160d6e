#!/usr/bin/env bash
# Builds echo.wasm from src/echo.c with Debian's clang + wasi-libc (wasm32-wasi).
# Reproducible: no debug info, no paths, stripped; same source and toolchain -> same bytes.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
  -ffile-prefix-map="$PWD"=. \
  -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o echo.wasm.tmp src/echo.c
mv echo.wasm.tmp echo.wasm
echo "built $(pwd)/echo.wasm ($(wc -c < echo.wasm) bytes)"
