#!/usr/bin/env bash
# Builds the canonical-ABI test component from abi.wit + abi.c:
#
#   component/src/test/guests/abi/build.sh OUTDIR
#
# writes OUTDIR/abi.wasm (strings UTF-8) and OUTDIR/abi-utf16.wasm (wit-bindgen c
# --string-encoding utf16: the component's canonical options say utf16, and abi.c is compiled
# with -DABI_UTF16). The committed copies live in component/src/test/resources/components/;
# rebuild them with `build.sh component/src/test/resources/components`.
# Tools: scripts/component-tools.sh (pinned wasm-tools 1.263.0 + wit-bindgen-cli 0.63.0); clang 14 +
# wasi-libc build a reactor core module that must import nothing from wasi_snapshot_preview1
# (malloc/free only: no WASI at all). Bindings go to a temp dir. Reproducible: stripped, no debug
# info, paths remapped; same sources and tools -> same bytes from any checkout path.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
mkdir -p "$1"
out="$(cd "$1" && pwd)"
cd "$(dirname "$0")"
tools="$(bash ../../../../../scripts/component-tools.sh)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# build NAME ENCODING [CFLAGS...]
build() {
  local name=$1 encoding=$2
  shift 2
  local gen="$tmp/$name"
  mkdir -p "$gen"
  if ! msg="$("$tools/wit-bindgen" c abi.wit --world abi --string-encoding "$encoding" \
      --out-dir "$gen" 2>&1)"; then
    echo "$msg" >&2
    exit 1
  fi
  /usr/bin/clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror \
    -Wno-unused-parameter -ffile-prefix-map="$PWD"=. -ffile-prefix-map="$gen"=gen -I"$gen" "$@" \
    -Wl,--strip-all -Wl,-z,stack-size=65536 \
    -o "$gen/core.wasm" abi.c "$gen/abi.c" "$gen/abi_component_type.o"
  if "$tools/wasm-tools" print "$gen/core.wasm" | grep -q 'wasi_snapshot_preview1'; then
    echo "abi: $name imports WASI preview 1 (it would need the adapter):" >&2
    "$tools/wasm-tools" print "$gen/core.wasm" | grep '(import' >&2
    exit 1
  fi
  "$tools/wasm-tools" component new "$gen/core.wasm" -o "$gen/component.wasm"
  "$tools/wasm-tools" validate "$gen/component.wasm"
  mv "$gen/component.wasm" "$out/$name.wasm"
  echo "built $out/$name.wasm ($(wc -c < "$out/$name.wasm") bytes)"
}

build abi utf8
build abi-utf16 utf16 -DABI_UTF16
