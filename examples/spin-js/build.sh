#!/usr/bin/env bash
# Builds the Spin JavaScript app (src/index.js, @fermyon/spin-sdk 2.0.0) with webpack and the
# SDK's j2w (ComponentizeJS 0.10.5) into the ~11 MB component .wasmlet/guests/spin-js.wasm (which
# spin.toml names), cached by ../tools/guest-cache.sh under a key over this script, package.json,
# package-lock.json, webpack.config.cjs and src/. The SDK and webpack are installed with `npm ci`
# into node_modules/ (ignored), only when a build is needed and package-lock.json changed since.
# Progress goes to stderr; the path of the component is the only line on stdout.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "spin-js: $*" >&2; }
die() { echo "spin-js: FAILED: $*" >&2; exit 1; }
source "$here/../tools/guest-cache.sh"

cd "$here"
guest_cache_begin spin-js app.wasm build.sh package.json package-lock.json webpack.config.cjs src
# --ignore-scripts: the SDK's postinstall (knitwit-postinstall) would write knitwit.json into
# this directory; the build does not use knitwit (see README.md).
guest_npm_ci node_modules/@fermyon/spin-sdk/bin/j2w.mjs --ignore-scripts

log "webpack (src/index.js -> dist.js)"
SPIN_JS_OUT=$work node_modules/.bin/webpack --config webpack.config.cjs >&2 ||
  die "webpack failed"
[[ -s $work/dist.js ]] || die "webpack wrote no dist.js"

# The SDK's own WIT (node_modules/@fermyon/spin-sdk/bin/wit), world spin-http.
log "j2w -n spin-http (ComponentizeJS; takes ~15-25 s)"
node node_modules/@fermyon/spin-sdk/bin/j2w.mjs -i "$work/dist.js" -n spin-http \
  -o "$work/app.wasm" >&2 || die "j2w failed"
guest_cache_finish
