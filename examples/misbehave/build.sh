#!/usr/bin/env bash
# Builds one small module per src/<name>.c -> <name>.wasm with Debian's clang + wasi-libc.
# Reproducible: no debug info, no paths, stripped; same source and toolchain -> same bytes.
set -euo pipefail
cd "$(dirname "$0")"
for src in src/*.c; do
  name="$(basename "$src" .c)"
  /usr/bin/clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
    -ffile-prefix-map="$PWD"=. \
    -Wl,--strip-all -Wl,-z,stack-size=65536 \
    -o "$name.wasm.tmp" "$src"
  mv "$name.wasm.tmp" "$name.wasm"
  echo "built $(pwd)/$name.wasm ($(wc -c < "$name.wasm") bytes)"
done
