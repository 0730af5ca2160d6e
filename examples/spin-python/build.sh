#!/usr/bin/env bash
# Builds the Spin Python app (app.py, spin-sdk 3.4.1) with componentize-py 0.17.2, caching the
# ~37 MB result outside git:
#
#   .wasmlet/guests/spin-python/<key>/app.wasm   the build for one key (kept: newest 3 keys)
#   .wasmlet/guests/spin-python.wasm             the current build (hard link), which spin.toml
#                                                names as its component source
#   .wasmlet/venv-spin-python/                   componentize-py and spin-sdk, from requirements.txt
#
# <key> is a SHA-256 over this script, requirements.txt and app.py: when a build for it exists,
# nothing is installed or rebuilt. The venv is (re)made only when a build is needed and
# requirements.txt changed since it was made. Progress goes to stderr; the path of the component
# is the only line on stdout. Builds are not byte-reproducible (componentize-py output differs
# from run to run), hence the cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
guests=$root/.wasmlet/guests
venv=$root/.wasmlet/venv-spin-python
name=spin-python
log() { echo "spin-python: $*" >&2; }
die() { echo "spin-python: FAILED: $*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 is not installed"
command -v sha256sum >/dev/null || die "sha256sum is not installed"

cd "$here"
key=$(sha256sum build.sh requirements.txt app.py | sha256sum | cut -c1-16)
out=$guests/$name/$key
current=$guests/$name.wasm

publish() {
  # A hard link keeps one copy on disk; the current file is replaced atomically.
  if [[ ! $current -ef $out/app.wasm ]]; then
    rm -f "$current.tmp"
    ln "$out/app.wasm" "$current.tmp" 2>/dev/null || cp "$out/app.wasm" "$current.tmp"
    mv -f "$current.tmp" "$current"
  fi
  log "component: $current ($(wc -c <"$current") bytes, key $key)"
  echo "$current"
}

if [[ -s $out/app.wasm ]]; then
  log "cached build for key $key is up to date"
  publish
  exit 0
fi

log "building key $key (no cached build)"
start=$(date +%s)

# componentize-py and spin-sdk in a project-local venv; a stamp records the requirements it was
# made from.
req_hash=$(sha256sum requirements.txt | cut -d' ' -f1)
stamp=$venv/.wasmlet-requirements.sha256
if [[ ! -x $venv/bin/componentize-py || $(cat "$stamp" 2>/dev/null) != "$req_hash" ]]; then
  log "making $venv (pip install -r requirements.txt)"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements.txt >&2 ||
    die "pip install -r requirements.txt failed"
  echo "$req_hash" >"$stamp"
fi
cpy=$venv/bin/componentize-py
log "$("$cpy" --version)"
sdk=$("$venv/bin/python" -c 'import os, spin_sdk; print(os.path.dirname(spin_sdk.__file__))') ||
  die "spin_sdk is not importable from $venv (delete it and rerun)"
[[ -f $sdk/componentize-py.toml ]] || die "$sdk has no componentize-py.toml (not spin-sdk 3.x?)"

# Build from a copy of the sources and of spin_sdk, so that nothing (__pycache__) is written into
# the checkout or the venv, and the component's Python path holds app.py and spin_sdk only (not
# the venv's site-packages with pip and componentize-py).
work=$guests/$name/.tmp-$key-$$
rm -rf "$work"
mkdir -p "$work/src" "$work/deps"
trap 'rm -rf "$work"' EXIT
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
[[ -s $work/app.wasm ]] || die "componentize-py wrote no component"

mkdir -p "$out"
mv "$work/app.wasm" "$out/app.wasm"
log "built in $(( $(date +%s) - start )) s"

# Keep the newest 3 builds.
ls -1dt "$guests/$name"/*/ 2>/dev/null | tail -n +4 | while IFS= read -r old; do
  log "removing old build $old"
  rm -rf "$old"
done
publish
