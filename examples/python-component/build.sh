#!/usr/bin/env bash
# Builds the Python wasi:http echo component (app.py) with componentize-py into the ~18 MB
# component .wasmlet/guests/py-echo.wasm (which app/wasmlet.toml names), cached by
# ../tools/guest-cache.sh under a key over this script, requirements.txt, app.py and wit/;
# componentize-py lives in the venv .wasmlet/venv-componentize-py. Progress goes to stderr; the
# path of the component is the only line on stdout. Builds are not byte-reproducible
# (componentize-py output differs from run to run), hence the cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "python-component: $*" >&2; }
die() { echo "python-component: FAILED: $*" >&2; exit 1; }
source "$here/../tools/guest-cache.sh"
venv=$gc_root/.wasmlet/venv-componentize-py

cd "$here"
guest_cache_begin py-echo echo.wasm build.sh requirements.txt app.py wit
guest_venv "$venv" requirements.txt componentize-py
cpy=$venv/bin/componentize-py
log "$("$cpy" --version)"

# Build from a copy of the sources, so that nothing (__pycache__) is written into the checkout.
mkdir -p "$work/src"
cp app.py "$work/src/"
cp -r wit "$work/wit"

log "componentize-py -w echo componentize app (takes ~10 s)"
# No VIRTUAL_ENV: componentize-py would add the venv's site-packages (componentize-py itself)
# to the component's Python path.
(unset VIRTUAL_ENV; cd "$work" &&
  "$cpy" -d wit -w echo componentize -p src app -o echo.wasm >&2) ||
  die "componentize-py failed"
guest_cache_finish
