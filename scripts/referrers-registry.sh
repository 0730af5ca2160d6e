#!/usr/bin/env bash
# Builds the test registry with the OCI 1.1 referrers API (scripts/referrers-registry/: Google's
# go-containerregistry registry, pinned by go.mod/go.sum, with referrers switched on) and prints
# the binary's path on stdout:
#
#   BIN=$(bash scripts/referrers-registry.sh); "$BIN" --address 127.0.0.1:PORT --disk DIR
#
# Go modules come from the Go module proxy into a cache outside the clone, shared by every clone
# on the machine:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/referrers-registry/{go-mod,go-build,<key>/}
# where <key> hashes the sources, so an edit rebuilds and an unchanged tree reuses the binary.
# Cold build on the 2-core dev machine: ~70 s (downloads included); cached: instant.
# Needs Go >= 1.24 on PATH. Idempotent; progress and errors go to stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/referrers-registry"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/referrers-registry"
die() { echo "referrers-registry: ERROR: $*" >&2; exit 1; }

source "$ROOT/scripts/find-go.sh" || die "no Go >= 1.26 to build it (see find-go above)"
key="$(cat "$SRC/main.go" "$SRC/go.mod" "$SRC/go.sum" | sha256sum | cut -c1-16)"
bin="$CACHE/$key/referrers-registry"
if [[ ! -x "$bin" ]]; then
  echo "referrers-registry: building $bin (go build, modules from the Go proxy)" >&2
  mkdir -p "$CACHE/$key"
  tmp="$CACHE/$key/referrers-registry.part.$$"
  (cd "$SRC" && GOMODCACHE="$CACHE/go-mod" GOCACHE="$CACHE/go-build" GOFLAGS=-mod=readonly \
      go build -trimpath -o "$tmp" .) || { rm -f "$tmp"; die "go build failed (see above)"; }
  mv -f "$tmp" "$bin"
fi
echo "$bin"
