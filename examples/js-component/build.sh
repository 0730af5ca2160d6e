#!/usr/bin/env bash
# Builds the JavaScript wasi:http echo component (src/app.js) with jco componentize
# (componentize-js / StarlingMonkey) into the ~14 MB component .wasmlet/guests/js-echo.wasm
# (which app/wasmlet.toml names), cached by ../tools/guest-cache.sh under a key over this script,
# package.json, package-lock.json, prepare-wit.mjs, wit/ and src/. Node dependencies are installed
# project-locally with `npm ci` (node_modules/, ignored), only when a build is needed and
# package-lock.json changed since the last install. Progress goes to stderr; the path of the
# component is the only line on stdout. Builds are not byte-reproducible (componentize-js output
# differs from run to run), hence the cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "js-component: $*" >&2; }
die() { echo "js-component: FAILED: $*" >&2; exit 1; }
source "$here/../tools/guest-cache.sh"

cd "$here"
guest_cache_begin js-echo echo.wasm build.sh package.json package-lock.json prepare-wit.mjs wit src
guest_npm_ci node_modules/.bin/jco
jco=$here/node_modules/.bin/jco
log "jco $("$jco" --version)," \
  "componentize-js $(node -p 'require("./node_modules/@bytecodealliance/jco/node_modules/@bytecodealliance/componentize-js/package.json").version' 2>/dev/null || echo '?')," \
  "preview2-shim $(node -p 'require("./node_modules/@bytecodealliance/preview2-shim/package.json").version')"

log "preparing WIT (WASI 0.2.12 from jco, rewritten to 0.2.10) in $work/wit"
node prepare-wit.mjs "$work/wit" || die "prepare-wit.mjs failed"

log "jco componentize src/app.js (takes ~15 s)"
"$jco" componentize src/app.js --wit "$work/wit" --world-name echo -o "$work/echo.wasm" >&2 ||
  die "jco componentize failed"
mkdir -p "$out"
cp -r "$work/wit" "$out/wit"  # the WIT it was built against, for reference
guest_cache_finish
