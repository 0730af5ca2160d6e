#!/usr/bin/env bash
# Installs the toolchains needed to build the examples from source (idempotent: checks first,
# installs only what is missing, fast when everything is already there).
#
#   Debian (bookworm) packages: clang lld wasi-libc libclang-rt-14-dev-wasm32 (C -> wasm32-wasi),
#                               rustc libstd-rust-dev-wasm32 (Rust -> wasm32-wasi), wabt (inspection),
#                               wrk (benchmarks), docker-registry skopeo apache2-utils openssl git
#                               (the trust module's registry tests: distribution v2.8, cross-checks,
#                               htpasswd, the token server's key and certificate; provenance tests)
#   npm (local, examples/hello-as/node_modules): assemblyscript, @assemblyscript/wasi-shim,
#                               pinned by examples/hello-as/package-lock.json
#   npm (local, signing/src/test/js/node_modules): @sigstore/sign 4, @sigstore/verify 4 (the signing
#                               module's interop tests, SigstoreJsIT, cli ForeignSignersIT), pinned by
#                               its package-lock.json, through scripts/install-sigstore-js.sh
#   cosign is not installed here: scripts/install-cosign.sh builds it when CosignIT first needs it
#
# Exits non-zero with a clear message on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

die() { echo "install-toolchains: ERROR: $*" >&2; exit 1; }
log() { echo "install-toolchains: $*" >&2; }

PACKAGES=(clang lld wasi-libc libclang-rt-14-dev-wasm32 rustc libstd-rust-dev-wasm32 wabt wrk
          docker-registry skopeo apache2-utils openssl git)

# --- Debian packages -------------------------------------------------------------------------
command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: this script supports Debian/Ubuntu (bookworm) only"
missing=()
for p in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${missing[*]}"
    SUDO=(sudo)
  fi
  "${SUDO[@]}" apt-get update || die "apt-get update failed"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
fi

# Sanity checks: the toolchains actually work for the wasm32-wasi target.
[[ -x /usr/bin/clang ]] || die "/usr/bin/clang missing after install"
[[ -x /usr/bin/rustc ]] || die "/usr/bin/rustc missing after install (Debian rustc package)"
[[ -e /usr/lib/wasm32-wasi/libc.a ]] || die "wasi-libc not found at /usr/lib/wasm32-wasi/libc.a"
[[ -d /usr/lib/rustlib/wasm32-wasi ]] || die "Rust std for wasm32-wasi not found (libstd-rust-dev-wasm32)"
command -v wasm-ld >/dev/null 2>&1 || [[ -x /usr/bin/wasm-ld-14 ]] || die "wasm-ld (lld) missing"
command -v wrk >/dev/null 2>&1 || die "wrk missing after install"
command -v docker-registry >/dev/null 2>&1 || die "docker-registry missing after install"
command -v skopeo >/dev/null 2>&1 || die "skopeo missing after install"
command -v htpasswd >/dev/null 2>&1 || die "htpasswd (apache2-utils) missing after install"

# --- npm (AssemblyScript), local to examples/hello-as ----------------------------------------
AS_DIR="$ROOT/examples/hello-as"
if [[ -f "$AS_DIR/package.json" ]]; then
  command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js >= 18 with npm"
  if [[ ! -x "$AS_DIR/node_modules/.bin/asc" || ! -f "$AS_DIR/node_modules/@assemblyscript/wasi-shim/asconfig.json" \
        || "$AS_DIR/package-lock.json" -nt "$AS_DIR/node_modules/.package-lock.json" ]]; then
    log "installing AssemblyScript into examples/hello-as/node_modules (npm ci)"
    (cd "$AS_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in examples/hello-as"
  fi
fi

# --- npm (sigstore-js), local to signing/src/test/js -----------------------------------------
"$ROOT/scripts/install-sigstore-js.sh" || die "scripts/install-sigstore-js.sh failed"
log "toolchains OK"
