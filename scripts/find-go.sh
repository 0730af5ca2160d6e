# Sourced by the scripts that build Go test tools (control-plane.sh, referrers-registry.sh,
# install-cosign.sh): puts a Go >= 1.26 first on PATH. A `go` already on PATH that is new enough is
# used as it is; otherwise the pinned toolchain go1.26.8 is fetched once from the Go module proxy
# (golang.org/toolchain, the zip `go` itself downloads for GOTOOLCHAIN; checked against the SHA-256
# below) and kept in ~/.cache/wasmlet/go-1.26.8. Messages go to stderr only.
WASMLET_GO_VERSION=1.26.8
WASMLET_GO_SHA256=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7

wasmlet_go_ok() {
  local v
  v="$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null)" || return 1
  v="${v#go}"
  [ "$(printf '%s\n%s\n' "1.26.0" "$v" | sort -V | head -n1)" = "1.26.0" ]
}

if ! { command -v go >/dev/null 2>&1 && wasmlet_go_ok; }; then
  wasmlet_go_root="${WASMLET_CACHE:-$HOME/.cache/wasmlet}/go-$WASMLET_GO_VERSION"
  if [ ! -x "$wasmlet_go_root/bin/go" ]; then
    case "$(uname -m)" in
      x86_64) wasmlet_go_arch=amd64 ;;
      aarch64) wasmlet_go_arch=arm64 ;;
      *) echo "find-go: no pinned Go toolchain for $(uname -m); install Go >= 1.26" >&2; return 1 ;;
    esac
    if [ "$wasmlet_go_arch" != amd64 ]; then
      echo "find-go: the pinned checksum is for linux-amd64; install Go >= 1.26 on this $(uname -m) machine" >&2
      return 1
    fi
    wasmlet_go_proxy="${GOPROXY:-https://proxy.golang.org}"
    wasmlet_go_proxy="${wasmlet_go_proxy%%,*}"
    wasmlet_go_url="$wasmlet_go_proxy/golang.org/toolchain/@v/v0.0.1-go$WASMLET_GO_VERSION.linux-$wasmlet_go_arch.zip"
    echo "find-go: no Go >= 1.26 on PATH; fetching go$WASMLET_GO_VERSION from $wasmlet_go_url (72 MB, once)" >&2
    wasmlet_go_tmp="$(mktemp -d)"
    if ! curl -sSfL -o "$wasmlet_go_tmp/go.zip" "$wasmlet_go_url"; then
      rm -rf "$wasmlet_go_tmp"
      echo "find-go: FAILED: download of $wasmlet_go_url; install Go >= 1.26 by hand" >&2
      return 1
    fi
    if ! echo "$WASMLET_GO_SHA256  $wasmlet_go_tmp/go.zip" | sha256sum -c --quiet - >&2; then
      rm -rf "$wasmlet_go_tmp"
      echo "find-go: FAILED: the toolchain zip does not match its pinned SHA-256" >&2
      return 1
    fi
    # The zip keeps Unix modes in its entries; Python's zipfile does not apply them, so set them.
    python3 - "$wasmlet_go_tmp/go.zip" "$wasmlet_go_tmp/x" <<'PY' || { rm -rf "$wasmlet_go_tmp"; return 1; }
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        mode = info.external_attr >> 16
        if mode and not info.is_dir():
            os.chmod(path, mode & 0o777)
PY
    mkdir -p "$(dirname "$wasmlet_go_root")"
    rm -rf "$wasmlet_go_root"
    mv "$wasmlet_go_tmp/x/golang.org/toolchain@v0.0.1-go$WASMLET_GO_VERSION.linux-$wasmlet_go_arch" "$wasmlet_go_root"
    rm -rf "$wasmlet_go_tmp"
  fi
  export PATH="$wasmlet_go_root/bin:$PATH"
  if ! wasmlet_go_ok; then
    echo "find-go: FAILED: $wasmlet_go_root/bin/go does not run" >&2
    return 1
  fi
  echo "find-go: using $(GOTOOLCHAIN=local go version) from $wasmlet_go_root" >&2
fi
