#!/usr/bin/env bash
# Builds the JavaScript wasi:http echo component (src/app.js) with jco componentize
# (componentize-js / StarlingMonkey), caching the ~14 MB result outside git:
#
#   .wasmlet/guests/js-echo/<key>/echo.wasm   the build for one key (kept: newest 3 keys)
#   .wasmlet/guests/js-echo.wasm              the current build (hard link), which
#                                             app/wasmlet.toml names as its component source
#
# <key> is a SHA-256 over this script, package.json, package-lock.json, prepare-wit.mjs, wit/
# and src/: when a build for it exists, nothing is installed or rebuilt. Node dependencies are
# installed project-locally with `npm ci` (node_modules/, ignored), only when a build is needed
# and package-lock.json changed since the last install. Progress goes to stderr; the path of
# the component is the only line on stdout. Builds are not byte-reproducible (componentize-js
# output differs from run to run), hence the cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
guests=$root/.wasmlet/guests
name=js-echo
log() { echo "js-component: $*" >&2; }
die() { echo "js-component: FAILED: $*" >&2; exit 1; }

command -v node >/dev/null || die "node is not installed (Node 20+ needed)"
command -v npm >/dev/null || die "npm is not installed"
command -v sha256sum >/dev/null || die "sha256sum is not installed"

cd "$here"
key=$( { sha256sum build.sh package.json package-lock.json prepare-wit.mjs;
         find wit src -type f -print0 | sort -z | xargs -0 sha256sum; } |
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

# Node dependencies, pinned by package-lock.json. A stamp inside node_modules records which
# lockfile it was installed from. A node_modules that is a symlink (a copied tree sharing an
# install) is used as it is, never reinstalled through the link.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.wasmlet-package-lock.sha256
if [[ -L node_modules ]]; then
  [[ -x node_modules/.bin/jco ]] || die "node_modules is a symlink without jco in it"
  [[ $(cat "$stamp" 2>/dev/null) == "$lock_hash" ]] ||
    log "warning: linked node_modules was not installed from this package-lock.json"
elif [[ ! -x node_modules/.bin/jco || $(cat "$stamp" 2>/dev/null) != "$lock_hash" ]]; then
  log "installing node dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
  echo "$lock_hash" >"$stamp"
fi
jco=$here/node_modules/.bin/jco
log "jco $("$jco" --version)," \
  "componentize-js $(node -p 'require("./node_modules/@bytecodealliance/jco/node_modules/@bytecodealliance/componentize-js/package.json").version' 2>/dev/null || echo '?')," \
  "preview2-shim $(node -p 'require("./node_modules/@bytecodealliance/preview2-shim/package.json").version')"

work=$guests/$name/.tmp-$key-$$
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

log "preparing WIT (WASI 0.2.12 from jco, rewritten to 0.2.10) in $work/wit"
node prepare-wit.mjs "$work/wit" || die "prepare-wit.mjs failed"

log "jco componentize src/app.js (takes ~15 s)"
"$jco" componentize src/app.js --wit "$work/wit" --world-name echo -o "$work/echo.wasm" >&2 ||
  die "jco componentize failed"
[[ -s $work/echo.wasm ]] || die "jco componentize wrote no component"

mkdir -p "$out"
cp -r "$work/wit" "$out/wit"  # the WIT it was built against, for reference
mv "$work/echo.wasm" "$out/echo.wasm"
log "built in $(( $(date +%s) - start )) s"

# Keep the newest 3 builds.
ls -1dt "$guests/$name"/*/ 2>/dev/null | tail -n +4 | while IFS= read -r old; do
  log "removing old build $old"
  rm -rf "$old"
done
publish
