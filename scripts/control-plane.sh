#!/usr/bin/env bash
# Builds, once, the binaries of a real Kubernetes control plane for loopback tests (etcd,
# kube-apiserver, kube-controller-manager, kubectl) from the Go module proxy, and prints the
# directory that holds them on stdout:
#
#   BIN=$(bash scripts/control-plane.sh); "$BIN/etcd" --version
#   bash scripts/control-plane.sh --print-versions     # the pinned versions, builds nothing
#
# The Go modules are the wrappers in scripts/control-plane/{etcd,kubernetes}/ (go.mod, go.sum,
# tools.go; go.mod says why `go install ...@VERSION` cannot be used). They are copied into a work
# dir and built there, so the clone is never written. Everything lives outside the clone, shared by
# every clone on the machine (CI's fresh ones too):
#   ${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/control-plane-<etcd>-<kubernetes>/
#       bin/{etcd,kube-apiserver,kube-controller-manager,kubectl}
#       stamp      written last, so an interrupted build is never taken for a finished one
#       work/      the copied wrapper modules
#   ${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/go-mod     GOMODCACHE (~1 GB; read-only files:
#                                                      remove with `GOMODCACHE=... go clean -modcache`)
#   ${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet/go-build   GOCACHE (~4 GB when warm)
# Both Go caches are kept: a rerun after an interruption resumes from them.
# Cold build on the 2-core dev machine at nice 19 beside other engineers' builds: 19.5 min wall,
# 14 CPU-minutes (703 s user + 143 s sys), 3.0 GB peak RSS of one build process; modules
# (~1 GB) were already downloaded, which takes ~25 s. Rebuild from warm Go caches: 25 s.
# Finished: instant (the stamp and the four binaries are checked). Binaries: 424 MB in all.
# Every go command runs under `nice -n 19`, so the build only takes idle CPU; CONTROL_PLANE_BUILD_P=N
# passes `-p N` to go build when memory is short (the peak is ~3 GB RSS in one process).
# Needs Go >= 1.26.0: the one on PATH, else scripts/find-go.sh fetches the pinned toolchain once.
# Idempotent and safe to run concurrently (flock). Progress, per-step timings and errors go to stderr; a failure ends with
# "control-plane: FAILED: <step>".
set -euo pipefail
ETCD_VERSION="v3.7.3"
K8S_VERSION="v1.37.2"
GO_MIN="1.26.0"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/control-plane"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/wasmlet"
DIR="$CACHE_ROOT/control-plane-$ETCD_VERSION-$K8S_VERSION"
BIN_DIR="$DIR/bin"
STAMP="$DIR/stamp"
BINARIES=(etcd kube-apiserver kube-controller-manager kubectl)

log() { echo "control-plane: $*" >&2; }
fail() { echo "control-plane: FAILED: $*" >&2; exit 1; }

case "${1:-}" in
  --print-versions)
    echo "etcd $ETCD_VERSION"
    echo "kubernetes $K8S_VERSION"
    exit 0 ;;
  -h|--help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
    exit 0 ;;
  "") ;;
  *) fail "unknown argument '$1' (expected nothing, --print-versions or --help)" ;;
esac

# The key of a finished build: the versions and the wrapper modules, so an edit of either rebuilds.
key="$( { echo "$ETCD_VERSION $K8S_VERSION"; cat "$SRC"/etcd/go.mod "$SRC"/etcd/go.sum "$SRC"/etcd/tools.go \
          "$SRC"/kubernetes/go.mod "$SRC"/kubernetes/go.sum "$SRC"/kubernetes/tools.go; } \
        | sha256sum | cut -c1-16)" || fail "reading the wrapper modules in $SRC"

finished() {
  [[ -f "$STAMP" ]] && [[ "$(head -n1 "$STAMP")" == "key $key" ]] || return 1
  local b; for b in "${BINARIES[@]}"; do [[ -x "$BIN_DIR/$b" ]] || return 1; done
}

if finished; then echo "$BIN_DIR"; exit 0; fi

mkdir -p "$DIR" || fail "creating $DIR"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DIR/.lock"
  flock -n 9 || { log "another build holds $DIR/.lock; waiting for it"; flock 9; }
  if finished; then echo "$BIN_DIR"; exit 0; fi   # the other build finished it
fi

# --- checks --------------------------------------------------------------------------------------
source "$(dirname "${BASH_SOURCE[0]}")/find-go.sh" || fail "check go: no Go >= $GO_MIN (see find-go above)"
go_version="$(GOTOOLCHAIN=local go env GOVERSION)" || fail "check go: 'go env GOVERSION' failed"
go_version="${go_version#go}"; go_version="${go_version%%[-+ ]*}"
printf '%s\n%s\n' "$GO_MIN" "$go_version" | sort -V -C \
  || fail "check go: go $go_version is older than the $GO_MIN the wrapper modules need"
grep -q "^require go.etcd.io/etcd/server/v3 $ETCD_VERSION\$" "$SRC/etcd/go.mod" \
  || fail "check wrappers: $SRC/etcd/go.mod does not require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
grep -q "^require k8s.io/kubernetes $K8S_VERSION\$" "$SRC/kubernetes/go.mod" \
  || fail "check wrappers: $SRC/kubernetes/go.mod does not require k8s.io/kubernetes $K8S_VERSION"

export GOMODCACHE="$CACHE_ROOT/go-mod" GOCACHE="$CACHE_ROOT/go-build"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local CGO_ENABLED=0
unset GOOS GOARCH GOWORK   # a host build, outside any workspace
export GOWORK=off

# step NAME DIR CMD...: runs CMD in DIR under nice 19, logs its wall and CPU time, or fails naming NAME.
step() {
  local name="$1" dir="$2"; shift 2
  log "step '$name': $*"
  local TIMEFORMAT="control-plane: step '$name' took %0R s wall, %0U s user + %0S s sys CPU"
  if ! time (cd "$dir" && nice -n 19 "$@" >&2); then
    fail "step '$name' (see the go output above)"
  fi
}

K8S_MINOR="${K8S_VERSION#v1.}"; K8S_MINOR="${K8S_MINOR%%.*}"
ldflags=()
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  # kubectl and the servers check each other's versions: an unset gitVersion (v0.0.0-master) fails.
  ldflags+=("-X $pkg.gitVersion=$K8S_VERSION" "-X $pkg.gitMajor=1" "-X $pkg.gitMinor=$K8S_MINOR"
            "-X $pkg.gitTreeState=clean")
done
parallel=()
[[ -n "${CONTROL_PLANE_BUILD_P:-}" ]] && parallel=(-p "$CONTROL_PLANE_BUILD_P")

# --- build ---------------------------------------------------------------------------------------
log "building etcd $ETCD_VERSION and kubernetes $K8S_VERSION into $BIN_DIR (go $go_version, nice 19;"
log "  cold: ~15 CPU-minutes, ~4 GB of Go build cache, ~3 GB RSS; reruns resume from the caches)"
total_start=$SECONDS
rm -f "$STAMP"
mkdir -p "$BIN_DIR" "$GOMODCACHE" "$GOCACHE" || fail "creating $BIN_DIR and the Go caches"
rm -rf "$DIR/work" && mkdir -p "$DIR/work" && cp -R "$SRC/etcd" "$SRC/kubernetes" "$DIR/work/" \
  || fail "copying $SRC into $DIR/work"
rm -f "$BIN_DIR"/*.part

step "download etcd modules" "$DIR/work/etcd" go mod download
step "download kubernetes modules" "$DIR/work/kubernetes" go mod download

build() { # build NAME WRAPPER PACKAGE [go build flags...]
  local name="$1" wrapper="$2" pkg="$3"; shift 3
  step "build $name" "$DIR/work/$wrapper" go build "${parallel[@]}" -trimpath "$@" -o "$BIN_DIR/$name.part" "$pkg"
  mv -f "$BIN_DIR/$name.part" "$BIN_DIR/$name" || fail "step 'build $name': moving the binary into place"
}
build etcd etcd go.etcd.io/etcd/server/v3
build kube-apiserver kubernetes k8s.io/kubernetes/cmd/kube-apiserver -ldflags "${ldflags[*]}"
build kube-controller-manager kubernetes k8s.io/kubernetes/cmd/kube-controller-manager -ldflags "${ldflags[*]}"
build kubectl kubernetes k8s.io/kubernetes/cmd/kubectl -ldflags "${ldflags[*]}"

# --- check and stamp -----------------------------------------------------------------------------
# Output is captured before grep: `cmd | grep -q` under pipefail fails when grep exits at the first
# match and cmd then dies of SIGPIPE writing its next line.
check_version() { # check_version EXPECTED_LINE CMD...
  local want="$1" out; shift
  out="$("$@" 2>&1)" || fail "step 'check versions': '$*' failed: $out"
  grep -qx "$want" <<<"$out" || fail "step 'check versions': '$*' does not print '$want' but: $out"
}
check_version "etcd Version: ${ETCD_VERSION#v}" "$BIN_DIR/etcd" --version
check_version "Kubernetes $K8S_VERSION" "$BIN_DIR/kube-apiserver" --version
check_version "Kubernetes $K8S_VERSION" "$BIN_DIR/kube-controller-manager" --version
check_version "Client Version: $K8S_VERSION" "$BIN_DIR/kubectl" version --client
{ echo "key $key"; echo "etcd $ETCD_VERSION"; echo "kubernetes $K8S_VERSION"; echo "go $go_version"
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) in $((SECONDS - total_start)) s"; } > "$STAMP.part" \
  && mv -f "$STAMP.part" "$STAMP" || fail "step 'stamp': writing $STAMP"
log "done in $((SECONDS - total_start)) s: $(du -sh "$BIN_DIR" | cut -f1) in $BIN_DIR"
echo "$BIN_DIR"
