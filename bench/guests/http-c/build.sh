#!/usr/bin/env bash
# Builds bench/target/guests/hello-http.wasm: hello.c as a wasi:http 0.2 component (for `wasmtime
# serve`). Needs wit-bindgen and wasm-tools (bench/tools.sh installs them under .wasmlet/tools) and
# the wasi:http WIT that the wasmtime-wasi-http crate ships (in cargo's registry once wasmtime-cli
# was built here). Clang + wasi-libc build a reactor module importing only wasi:http and wasi:io,
# so no preview-1 adapter is needed.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../../.. && pwd)"
TOOLS="$ROOT/.wasmlet/tools/bin"
OUT="$ROOT/bench/target/guests"
mkdir -p "$OUT"
WASM="$OUT/hello-http.wasm"
[ -f "$WASM" ] && [ "$WASM" -nt hello.c ] && [ "$WASM" -nt build.sh ] && exit 0
WIT="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasmtime-wasi-http-48.0.8/wit 2>/dev/null | head -1)"
[ -n "$WIT" ] || { echo "http-c: the wasi:http WIT of wasmtime-wasi-http 48.0.8 is not in cargo's registry; run bench/tools.sh" >&2; exit 1; }
GEN="$OUT/http-c-gen"
rm -rf "$GEN"
"$TOOLS/wit-bindgen" c "$WIT" --world wasmtime:wasi-http/bindings --out-dir "$GEN" >/dev/null
/usr/bin/clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror \
  -Wno-unused-parameter -I"$GEN" -Wl,--strip-all \
  -o "$GEN/core.wasm" hello.c "$GEN/bindings.c" "$GEN/bindings_component_type.o"
if "$TOOLS/wasm-tools" print "$GEN/core.wasm" | grep -q 'wasi_snapshot_preview1'; then
  echo "http-c: the core module imports WASI preview 1; it would need the adapter" >&2
  "$TOOLS/wasm-tools" print "$GEN/core.wasm" | grep import >&2
  exit 1
fi
"$TOOLS/wasm-tools" component new "$GEN/core.wasm" -o "$WASM.tmp"
"$TOOLS/wasm-tools" validate "$WASM.tmp"
mv "$WASM.tmp" "$WASM"
echo "built $WASM ($(wc -c < "$WASM") bytes)" >&2
