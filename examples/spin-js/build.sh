#!/usr/bin/env bash
# Builds the Spin JavaScript app (src/index.js, @fermyon/spin-sdk 2.0.0) into a component with
# webpack and the SDK's j2w (ComponentizeJS 0.10.5), caching the ~11 MB result outside git:
#
#   .wasmlet/guests/spin-js/<key>/app.wasm   the build for one key (kept: newest 3 keys)
#   .wasmlet/guests/spin-js.wasm             the current build (hard link), which spin.toml
#                                            names as its component source
#   examples/spin-js/node_modules/           the SDK and webpack, `npm ci` from package-lock.json
#
# <key> is a SHA-256 over this script, package.json, package-lock.json, webpack.config.cjs and
# src/: when a build for it exists, nothing is installed or rebuilt. node_modules is (re)made only
# when a build is needed and package-lock.json changed since it was made. Progress goes to
# stderr; the path of the component is the only line on stdout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
guests=$root/.wasmlet/guests
name=spin-js
log() { echo "spin-js: $*" >&2; }
die() { echo "spin-js: FAILED: $*" >&2; exit 1; }

command -v node >/dev/null || die "node is not installed (Node 18 or newer)"
command -v npm >/dev/null || die "npm is not installed"
command -v sha256sum >/dev/null || die "sha256sum is not installed"

cd "$here"
key=$( { sha256sum build.sh package.json package-lock.json webpack.config.cjs;
         find src -type f -print0 | sort -z | xargs -0 sha256sum; } |
       sha256sum | cut -c1-16)
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

# --ignore-scripts: the SDK's postinstall (knitwit-postinstall) would write knitwit.json into
# this directory; the build does not use knitwit (see README.md).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.wasmlet-lock.sha256
if [[ ! -f node_modules/@fermyon/spin-sdk/bin/j2w.mjs || $(cat "$stamp" 2>/dev/null) != "$lock_hash" ]]; then
  log "npm ci --ignore-scripts (into $here/node_modules)"
  npm ci --ignore-scripts --no-audit --no-fund >&2 || die "npm ci failed"
  echo "$lock_hash" >"$stamp"
fi

work=$guests/$name/.tmp-$key-$$
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

log "webpack (src/index.js -> dist.js)"
SPIN_JS_OUT=$work node_modules/.bin/webpack --config webpack.config.cjs >&2 ||
  die "webpack failed"
[[ -s $work/dist.js ]] || die "webpack wrote no dist.js"

# The SDK's own WIT (node_modules/@fermyon/spin-sdk/bin/wit), world spin-http.
log "j2w -n spin-http (ComponentizeJS; takes ~15-25 s)"
node node_modules/@fermyon/spin-sdk/bin/j2w.mjs -i "$work/dist.js" -n spin-http \
  -o "$work/app.wasm" >&2 || die "j2w failed"
[[ -s $work/app.wasm ]] || die "j2w wrote no component"

mkdir -p "$out"
mv "$work/app.wasm" "$out/app.wasm"
log "built in $(( $(date +%s) - start )) s"

# Keep the newest 3 builds.
ls -1dt "$guests/$name"/*/ 2>/dev/null | tail -n +4 | while IFS= read -r old; do
  log "removing old build $old"
  rm -rf "$old"
done
publish
