#!/usr/bin/env bash
# Builds cosign (the Sigstore CLI) from source with the Go toolchain into
# ${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/cosign-VERSION/cosign, outside the clone so that every
# clone on the machine (CI's fresh ones too) shares it, for the tests that check Wasmlet reads what
# cosign writes (cli CosignIT). Idempotent: does nothing when that binary already reports the pinned
# version. The Go module and build caches live beside it, so a rebuild is fast; a cold build took
# about 4 minutes on 2 cores.
# Prints the binary's path. Exits non-zero with a clear message when it cannot build.
set -euo pipefail
VERSION="v2.6.5"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/cosign-$VERSION"
BIN_DIR="$CACHE/bin"
BIN="$BIN_DIR/cosign"
die() { echo "install-cosign: ERROR: $*" >&2; exit 1; }

if [[ -x "$BIN" ]] && "$BIN" version 2>/dev/null | grep -q "GitVersion: *$VERSION\$"; then
  echo "$BIN"
  exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/find-go.sh" || die "no Go >= 1.26 to build cosign $VERSION (see find-go above)"
mkdir -p "$BIN_DIR" "$CACHE/go-mod" "$CACHE/go-build"
echo "install-cosign: building cosign $VERSION into $BIN (go install; minutes when cold)" >&2
GOBIN="$BIN_DIR" GOMODCACHE="$CACHE/go-mod" GOCACHE="$CACHE/go-build" GOFLAGS=-mod=mod \
  go install "github.com/sigstore/cosign/v2/cmd/cosign@$VERSION" >&2 \
  || die "go install github.com/sigstore/cosign/v2/cmd/cosign@$VERSION failed"
"$BIN" version 2>/dev/null | grep -q "GitVersion: *$VERSION\$" || die "$BIN does not report $VERSION"
echo "$BIN"
