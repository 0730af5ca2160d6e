#!/usr/bin/env bash
# Supply-chain benchmark (issue 4): push, pull and verify of an app with a ~100 KB module and
# 1 MB of static files, against Debian's docker-registry on loopback; then the same `up --check`
# with and without `--policy` to show what verification adds before an app runs.
# Usage: bench/registry.sh   (needs docker-registry; scripts/install-toolchains.sh installs it)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
W="$(mktemp -d)"; PORT=15123
command -v docker-registry >/dev/null || { echo "docker-registry missing: run scripts/install-toolchains.sh" >&2; exit 1; }
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s/data\nhttp:\n  addr: 127.0.0.1:%s\n' "$W" "$PORT" > "$W/config.yml"
docker-registry serve "$W/config.yml" >"$W/registry.log" 2>&1 &
RPID=$!
trap 'kill $RPID 2>/dev/null || true; rm -rf "$W"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null && break; sleep 0.1; done
# The app: the json-api module (74 KB) padded to 100 KB with a custom section, and 1 MB of files.
APP="$W/app"; mkdir -p "$APP/public"
python3 - "$ROOT/examples/json-api-rust/json-api.wasm" "$APP/app.wasm" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
pad = 100 * 1024 - len(data) - 16
name = b'pad'
body = bytes([len(name)]) + name + b'\0' * pad
def leb(n):
    out = b''
    while True:
        b = n & 0x7f; n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n: return out
open(sys.argv[2], 'wb').write(data + b'\x00' + leb(len(body)) + body)
PY
for i in $(seq 1 16); do head -c 65536 /dev/urandom > "$APP/public/f$i.bin"; done
cat > "$APP/wasmlet.toml" <<'TOML'
wasmlet_manifest_version = 1
[application]
name = "bench"
[[trigger.http]]
route = "/api/..."
component = "api"
executor = { type = "wagi" }
[component.api]
source = "app.wasm"
files = [{ source = "public", destination = "/public" }]
TOML
echo "app: module $(stat -c %s "$APP/app.wasm") bytes, files $(du -cb "$APP"/public/* | tail -1 | cut -f1) bytes"
ms() { date +%s%3N; }
W8="$ROOT/wasmlet"
REF="127.0.0.1:$PORT/bench/app:1"
"$W8" version >/dev/null   # build once, outside the timings
"$W8" keys generate --name "$W/k" >/dev/null
printf 'trustedKeys = ["%s"]\nrequireProvenance = false\nallowedRegistries = ["127.0.0.1:*"]\nallowUnsignedLocal = false\n' "$W/k.pub" > "$W/policy.toml"
run() { local t0; t0=$(ms); "$@" >/dev/null 2>&1; echo $(( $(ms) - t0 )); }
echo "each command is a new JVM (CDS on); times in ms, 5 runs each after one warm-up"
for what in push push-signed push-again pull sign verify up-check up-check-policy; do
  times=()
  for i in 0 1 2 3 4 5; do
    case $what in
      push) t=$(run "$W8" push "$APP" "127.0.0.1:$PORT/bench/app$i-$RANDOM:1" --insecure) ;;
      push-signed) t=$(run "$W8" push "$APP" "127.0.0.1:$PORT/bench/signed$i-$RANDOM:1" --insecure --key "$W/k.key") ;;
      push-again) t=$(run "$W8" push "$APP" "$REF" --insecure) ;;
      pull) t=$(run "$W8" pull "$REF" --insecure --store "$W/store$i-$RANDOM") ;;
      sign) t=$(run "$W8" sign "$REF" --insecure --key "$W/k.key") ;;
      verify) t=$(run "$W8" verify "$REF" --insecure --policy "$W/policy.toml") ;;
      up-check) t=$(run "$W8" up --from "$REF" --insecure --store "$W/store" --check --listen 127.0.0.1:0) ;;
      up-check-policy) t=$(run "$W8" up --from "$REF" --insecure --store "$W/store" --policy "$W/policy.toml" --check --listen 127.0.0.1:0) ;;
    esac
    [ "$i" -gt 0 ] && times+=("$t")
  done
  printf '  %-16s median %5d ms   (%s)\n' "$what" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" "${times[*]}"
done
