#!/usr/bin/env bash
# Installs sigstore-js (@sigstore/sign, @sigstore/verify, @sigstore/bundle, pinned by
# signing/src/test/js/package-lock.json) into signing/src/test/js/node_modules with `npm ci`, for the
# interop tests (SigstoreJsIT, cli ForeignSignersIT). Idempotent: does nothing when the installed
# tree is newer than the lock file. Exits non-zero with a clear message when it cannot install.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/signing/src/test/js"
die() { echo "install-sigstore-js: ERROR: $*" >&2; exit 1; }

if [[ -f "$DIR/node_modules/@sigstore/sign/package.json" && -f "$DIR/node_modules/@sigstore/verify/package.json" \
      && -f "$DIR/node_modules/@sigstore/bundle/package.json" \
      && ! "$DIR/package-lock.json" -nt "$DIR/node_modules/.package-lock.json" ]]; then
  exit 0
fi
command -v node >/dev/null 2>&1 || die "node not found: install Node.js >= 20.17 with npm"
command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js >= 20.17 with npm"
echo "install-sigstore-js: installing into signing/src/test/js/node_modules (npm ci)" >&2
(cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in signing/src/test/js"
