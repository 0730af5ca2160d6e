#!/usr/bin/env bash
# Builds the MemorySizeBench guests into bench/target/guests: hello.c with an initial memory of
# 2, 17, 160 and 640 pages (64 KiB each), without data ("none") and with half the initial memory
# (less the stack) as one initialised data segment ("large"). Rebuilt only when hello.c changes.
set -euo pipefail
cd "$(dirname "$0")"
OUT="../../target/guests"
mkdir -p "$OUT"
command -v /usr/bin/clang >/dev/null || bash ../../../scripts/install-toolchains.sh
for pages in 2 17 160 640; do
  bytes=$((pages * 65536))
  for data in none large; do
    blob=0
    if [ "$data" = large ]; then blob=$((bytes / 2 - 8192)); fi
    wasm="$OUT/hello-${pages}p-${data}.wasm"
    [ -f "$wasm" ] && [ "$wasm" -nt hello.c ] && [ "$wasm" -nt build.sh ] && continue
    /usr/bin/clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -DBLOB_BYTES="$blob" \
      -Wl,--strip-all -Wl,-z,stack-size=16384 -Wl,--initial-memory="$bytes" \
      -o "$wasm.tmp" hello.c
    mv "$wasm.tmp" "$wasm"
    echo "built $wasm ($(wc -c < "$wasm") bytes, $pages pages, data: $data)" >&2
  done
done
