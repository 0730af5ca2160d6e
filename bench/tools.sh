#!/usr/bin/env bash
# Builds the native tools the HTTP benchmark compares against, with cargo, into .wasmlet/tools
# (ignored by git; reused until deleted): wasmtime-cli 48.0.8 (`wasmtime serve`, the native peer;
# over an hour on 2 busy cores), wasm-tools and wit-bindgen-cli (to build the C wasi:http component).
# Idempotent: a tool already built is kept. Never needed by the test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$ROOT/.wasmlet/tools"
command -v cargo >/dev/null || { echo "bench/tools.sh: cargo is needed (rustup or Debian's cargo)" >&2; exit 1; }
install() { # binary crate version
  if [ -x "$TOOLS/bin/$1" ]; then return 0; fi
  echo "bench/tools.sh: building $2 $3 with cargo into $TOOLS (slow on 2 cores: wasmtime-cli takes over an hour)" >&2
  nice -n 10 cargo install "$2" --version "$3" --locked --root "$TOOLS" >&2
}
install wasm-tools wasm-tools 1.263.0
install wit-bindgen wit-bindgen-cli 0.63.0
install wasmtime wasmtime-cli 48.0.8
