#!/usr/bin/env bash
# Makes the component toolchain available and prints its bin directory on stdout:
#
#   TOOLS=$(bash scripts/component-tools.sh)
#   "$TOOLS/wit-bindgen" c ...; "$TOOLS/wasm-tools" component new ...
#
# Pins wasm-tools 1.263.0 and wit-bindgen-cli 0.63.0 (the C bindings and component encoding of the
# committed guest components depend on these exact versions: another version gives other bytes).
# Installs them with `cargo install --locked --root DIR` into
#   DIR = ${WASMLET_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/tools-wasm-tools-1.263.0-wit-bindgen-0.63.0}
# which lies outside the clone, so every clone on a machine shares it: only a new machine pays the
# cargo build (from crates.io; both took 7.5 minutes on the 2-core dev machine, niced, beside other work).
# When a clone already has the same versions under .wasmlet/tools/bin (bench/tools.sh builds
# them there), they are copied instead of rebuilt. Idempotent; progress goes to stderr.
#
# The build scripts that use this (examples/*-component/build.sh through
# examples/tools/component-build.sh, component/src/test/guests/abi/build.sh) compute the same
# DIR when they run outside a clone (ExamplesRebuildIT copies only examples/): keep the formula
# in sync with examples/tools/component-build.sh.
set -euo pipefail

WASM_TOOLS_VERSION=1.263.0
WIT_BINDGEN_VERSION=0.63.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${WASMLET_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/tools-wasm-tools-$WASM_TOOLS_VERSION-wit-bindgen-$WIT_BINDGEN_VERSION}"
BIN="$DIR/bin"

log() { echo "component-tools: $*" >&2; }

# has BINARY EXPECTED_VERSION_LINE: true when $BIN/BINARY prints exactly that --version.
has() {
  [[ -x "$BIN/$1" ]] && [[ "$("$BIN/$1" --version 2>/dev/null | head -1)" == "$2" ]]
}

# ensure BINARY CRATE VERSION VERSION_LINE
ensure() {
  local bin=$1 crate=$2 version=$3 line=$4
  has "$bin" "$line" && return 0
  local local_copy="$ROOT/.wasmlet/tools/bin/$bin"
  if [[ -x "$local_copy" ]] && [[ "$("$local_copy" --version 2>/dev/null | head -1)" == "$line" ]]; then
    log "copying $bin from $local_copy ($line)"
    mkdir -p "$BIN"
    cp "$local_copy" "$BIN/$bin.tmp.$$"
    mv "$BIN/$bin.tmp.$$" "$BIN/$bin"
  else
    if ! command -v cargo >/dev/null 2>&1; then
      log "ERROR: $bin $version is not in $BIN and cargo is missing."
      log "Install Rust's cargo (e.g. rustup, or Debian's cargo if recent enough), or set"
      log "WASMLET_TOOLS to a directory whose bin/ holds $bin $version."
      exit 1
    fi
    log "building $crate $version with cargo into $DIR (a few minutes, once per machine)"
    cargo install --locked --quiet --root "$DIR" "$crate" --version "=$version" >&2
  fi
  has "$bin" "$line" || {
    log "ERROR: $BIN/$bin does not report '$line' (got: $("$BIN/$bin" --version 2>&1 | head -1))"
    exit 1
  }
}

ensure wasm-tools wasm-tools "$WASM_TOOLS_VERSION" "wasm-tools $WASM_TOOLS_VERSION"
ensure wit-bindgen wit-bindgen-cli "$WIT_BINDGEN_VERSION" "wit-bindgen-cli $WIT_BINDGEN_VERSION"
echo "$BIN"
