#!/usr/bin/env bash
# Builds the Spin Python app (app.py, spin-sdk 3.4.1) with componentize-py 0.17.2 into the
# ~37 MB component .wasmlet/guests/spin-python.wasm (which spin.toml names), cached by
# ../tools/guest-cache.sh under a key over this script, requirements.txt and app.py; componentize-py
# and spin-sdk live in the venv .wasmlet/venv-spin-python. Progress goes to stderr; the path of
# the component is the only line on stdout. Builds are not byte-reproducible (componentize-py
# output differs from run to run), hence the cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "spin-python: $*" >&2; }
die() { echo "spin-python: FAILED: $*" >&2; exit 1; }
source "$here/../tools/guest-cache.sh"
venv=$gc_root/.wasmlet/venv-spin-python

cd "$here"
guest_cache_begin spin-python app.wasm build.sh requirements.txt app.py
guest_venv "$venv" requirements.txt componentize-py
cpy=$venv/bin/componentize-py
log "$("$cpy" --version)"
sdk=$("$venv/bin/python" -c 'import os, spin_sdk; print(os.path.dirname(spin_sdk.__file__))') ||
  die "spin_sdk is not importable from $venv (delete it and rerun)"
[[ -f $sdk/componentize-py.toml ]] || die "$sdk has no componentize-py.toml (not spin-sdk 3.x?)"

# Build from a copy of the sources and of spin_sdk, so that nothing (__pycache__) is written into
# the checkout or the venv, and the component's Python path holds app.py and spin_sdk only (not
# the venv's site-packages with pip and componentize-py).
mkdir -p "$work/src" "$work/deps"
cp app.py "$work/src/"
cp -r "$sdk" "$work/deps/spin_sdk"
find "$work/deps" -name __pycache__ -prune -exec rm -rf {} +

# spin_sdk's componentize-py.toml names its WIT (world spin-http: wasi:http/proxy 0.2.0 plus
# every Spin 3 interface, used or not) and the module name of fermyon:spin/postgres@2.0.0 only.
# componentize-py regenerates spin_sdk.wit during the build; without the two names below (those
# spin-sdk 3.4.1's own bindings were generated with, see its CONTRIBUTING.md) the SQLite binding
# comes out as spin_sdk.wit.imports.fermyon_spin_sqlite, and `from spin_sdk import sqlite` fails
# with "No module named 'spin_sdk.wit.imports.sqlite'".
log "componentize-py -w spin-http componentize app (takes ~10 s)"
# No VIRTUAL_ENV: componentize-py would add the venv's site-packages to the component's Python
# path.
(unset VIRTUAL_ENV; cd "$work" &&
  "$cpy" -w spin-http \
    --import-interface-name fermyon:spin/sqlite@2.0.0=sqlite \
    --import-interface-name spin:postgres/postgres@3.0.0=spin_postgres_postgres \
    componentize -p src -p deps app -o app.wasm >&2) ||
  die "componentize-py failed"

guest_cache_finish
