#!/usr/bin/env bash
# Builds the Python wasi:http echo component (app.py) with componentize-py, caching the ~18 MB
# result outside git:
#
#   .wasmlet/guests/py-echo/<key>/echo.wasm   the build for one key (kept: newest 3 keys)
#   .wasmlet/guests/py-echo.wasm              the current build (hard link), which
#                                             app/wasmlet.toml names as its component source
#   .wasmlet/venv-componentize-py/            componentize-py, from requirements.txt
#
# <key> is a SHA-256 over this script, requirements.txt, app.py and wit/: when a build for it
# exists, nothing is installed or rebuilt. The venv is (re)made only when a build is needed and
# requirements.txt changed since it was made. Progress goes to stderr; the path of the component
# is the only line on stdout. Builds are not byte-reproducible (componentize-py output differs
# from run to run), hence the cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
guests=$root/.wasmlet/guests
venv=$root/.wasmlet/venv-componentize-py
name=py-echo
log() { echo "python-component: $*" >&2; }
die() { echo "python-component: FAILED: $*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 is not installed"
command -v sha256sum >/dev/null || die "sha256sum is not installed"

cd "$here"
key=$( { sha256sum build.sh requirements.txt app.py;
         find wit -type f -print0 | sort -z | xargs -0 sha256sum; } |
       sha256sum | cut -c1-16)
out=$guests/$name/$key
current=$guests/$name.wasm

publish() {
  # A hard link keeps one copy on disk; the current file is replaced atomically.
  if [[ ! $current -ef $out/echo.wasm ]]; then
    rm -f "$current.tmp"
    ln "$out/echo.wasm" "$current.tmp" 2>/dev/null || cp "$out/echo.wasm" "$current.tmp"
    mv -f "$current.tmp" "$current"
  fi
  log "component: $current ($(wc -c <"$current") bytes, key $key)"
  echo "$current"
}

if [[ -s $out/echo.wasm ]]; then
  log "cached build for key $key is up to date"
  publish
  exit 0
fi

log "building key $key (no cached build)"
start=$(date +%s)

# componentize-py in a project-local venv; a stamp records the requirements it was made from.
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

# Build from a copy of the sources, so that nothing (__pycache__) is written into the checkout.
work=$guests/$name/.tmp-$key-$$
rm -rf "$work"
mkdir -p "$work/src"
trap 'rm -rf "$work"' EXIT
cp app.py "$work/src/"
cp -r wit "$work/wit"

log "componentize-py -w echo componentize app (takes ~10 s)"
# No VIRTUAL_ENV: componentize-py would add the venv's site-packages (componentize-py itself)
# to the component's Python path.
(unset VIRTUAL_ENV; cd "$work" &&
  "$cpy" -d wit -w echo componentize -p src app -o echo.wasm >&2) ||
  die "componentize-py failed"
[[ -s $work/echo.wasm ]] || die "componentize-py wrote no component"

mkdir -p "$out"
mv "$work/echo.wasm" "$out/echo.wasm"
log "built in $(( $(date +%s) - start )) s"

# Keep the newest 3 builds.
ls -1dt "$guests/$name"/*/ 2>/dev/null | tail -n +4 | while IFS= read -r old; do
  log "removing old build $old"
  rm -rf "$old"
done
publish
