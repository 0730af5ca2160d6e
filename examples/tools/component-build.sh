#!/usr/bin/env bash
# Builds one C source into a wasi:http 0.2 component; the examples' *-component/build.sh call it:
#
#   bash ../tools/component-build.sh SRC.c OUT.wasm      (from the example's directory)
#
# Bindings: wit-bindgen c for the vendored world examples/wit/wasi-http (wasmtime:wasi-http/bindings,
# which includes wasi:http/proxy@0.2.12), generated into a temp dir and never committed. Clang 14 +
# wasi-libc build a reactor core module; it must import nothing from wasi_snapshot_preview1 (so no
# preview-1 adapter is needed: the component imports only what the code uses, wasi:http and
# wasi:io). `wasm-tools component new` wraps it, `wasm-tools validate` checks it.
# Reproducible: no debug info, stripped, source and temp paths remapped; same source and tools ->
# same bytes from any checkout path.
#
# Tools: scripts/component-tools.sh (pinned wasm-tools + wit-bindgen, per-machine cache). When this
# copy of examples/ has no scripts/ beside it (ExamplesRebuildIT rebuilds a copy of examples/
# alone), the tools are taken from the same cache directory that script fills (keep the formula
# in sync), or from $WASMLET_TOOLS.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 SRC.c OUT.wasm" >&2; exit 2; }
src=$1
out=$2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
examples="$(dirname "$here")"
wit="$examples/wit/wasi-http"
[[ -f $wit/world.wit ]] || { echo "component-build: vendored WIT missing: $wit" >&2; exit 1; }

if [[ -f $examples/../scripts/component-tools.sh ]]; then
  tools="$(bash "$examples/../scripts/component-tools.sh")"
else
  tools="${WASMLET_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/tools-wasm-tools-1.263.0-wit-bindgen-0.63.0}/bin"
  [[ "$("$tools/wasm-tools" --version 2>/dev/null)" == "wasm-tools 1.263.0" &&
     "$("$tools/wit-bindgen" --version 2>/dev/null)" == "wit-bindgen-cli 0.63.0" ]] || {
    echo "component-build: no scripts/component-tools.sh beside $examples and no pinned tools in $tools;" >&2
    echo "run scripts/component-tools.sh from a clone first (or set WASMLET_TOOLS)" >&2
    exit 1
  }
fi

gen="$(mktemp -d)"
trap 'rm -rf "$gen"' EXIT
if ! msg="$("$tools/wit-bindgen" c "$wit" --world wasmtime:wasi-http/bindings --out-dir "$gen" 2>&1)"; then
  echo "$msg" >&2
  exit 1
fi
/usr/bin/clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Werror \
  -Wno-unused-parameter -ffile-prefix-map="$PWD"=. -ffile-prefix-map="$gen"=gen -I"$gen" \
  -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o "$gen/core.wasm" "$src" "$gen/bindings.c" "$gen/bindings_component_type.o"
if "$tools/wasm-tools" print "$gen/core.wasm" | grep -q 'wasi_snapshot_preview1'; then
  echo "component-build: $src imports WASI preview 1 (it would need the adapter):" >&2
  "$tools/wasm-tools" print "$gen/core.wasm" | grep '(import' >&2
  exit 1
fi
"$tools/wasm-tools" component new "$gen/core.wasm" -o "$gen/component.wasm"
"$tools/wasm-tools" validate "$gen/component.wasm"
mv "$gen/component.wasm" "$out.tmp"
mv "$out.tmp" "$out"
echo "built $(pwd)/$out ($(wc -c < "$out") bytes)"
