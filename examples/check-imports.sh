#!/usr/bin/env bash
# Checks every example module's shape with wabt's wasm-objdump: a WASI command (exports _start
# and memory), imports only from wasi_snapshot_preview1, no imported memory or table.
# Prints size, initial memory pages and the imported functions. Non-zero exit on any problem.
# Components (the *-component examples, wasi:http 0.2) are not WASI commands: they are validated
# with wasm-tools (scripts/component-tools.sh) and listed with the interfaces they import.
set -euo pipefail
cd "$(dirname "$0")"
command -v wasm-objdump >/dev/null 2>&1 || { echo "check-imports: wasm-objdump missing (apt-get install wabt)" >&2; exit 1; }
fail=0
printf '%-34s %8s %6s  %s\n' MODULE BYTES PAGES IMPORTS
is_component() { [[ "$(od -An -tx1 -j4 -N4 "$1" | tr -d ' ')" == 0d000100 ]]; }
components=()
while IFS= read -r wasm; do
  if is_component "$wasm"; then
    components+=("$wasm")
    continue
  fi
  details="$(wasm-objdump -x "$wasm")"
  imports="$(grep -E '^ - (func|memory|table|global)\[[0-9]+\].* <- ' <<<"$details" | sed -E 's/.* <- //' || true)"
  pages="$(grep -E '^ - memory\[0\] pages: initial=' <<<"$details" | sed -E 's/.*initial=([0-9]+).*/\1/' || true)"
  problems=()
  grep -qE '^ - func\[[0-9]+\] <[^>]*> -> "_start"$' <<<"$details" || problems+=("no _start export")
  grep -qE '^ - memory\[0\] -> "memory"$' <<<"$details" || problems+=("no memory export")
  while IFS= read -r imp; do
    [[ -z "$imp" || "$imp" == wasi_snapshot_preview1.* ]] || problems+=("import $imp")
  done <<<"$imports"
  grep -qE '^ - (memory|table)\[[0-9]+\].* <- ' <<<"$details" && problems+=("imports memory or table")
  [[ -n "$pages" ]] || problems+=("no memory")
  names="$(sed 's/wasi_snapshot_preview1\.//' <<<"$imports" | paste -sd, -)"
  printf '%-34s %8d %6s  %s\n' "$wasm" "$(wc -c <"$wasm")" "${pages:-?}" "$names"
  if ((${#problems[@]})); then
    echo "  PROBLEM: ${problems[*]}" >&2
    fail=1
  fi
done < <(find . -name node_modules -prune -o -name '*.wasm' -type f -print | sort)
if ((${#components[@]})); then
  tools="$(bash ../scripts/component-tools.sh)"
  for wasm in "${components[@]}"; do
    if ! "$tools/wasm-tools" validate "$wasm"; then
      echo "  PROBLEM: $wasm does not validate" >&2
      fail=1
    fi
    names="$("$tools/wasm-tools" component wit "$wasm" | sed -nE 's/^  import ([^;]*);$/\1/p' | paste -sd, -)"
    printf '%-34s %8d %6s  %s\n' "$wasm" "$(wc -c <"$wasm")" comp "$names"
  done
fi
exit "$fail"
