#!/usr/bin/env bash
# Builds hello-as.wasm from src/index.ts with AssemblyScript + @assemblyscript/wasi-shim
# (versions pinned by package-lock.json; installed locally into node_modules).
set -euo pipefail
cd "$(dirname "$0")"
if [[ ! -x node_modules/.bin/asc ]]; then
  npm ci --no-audit --no-fund --loglevel=error --prefer-offline
fi
npx --no-install asc src/index.ts \
  --config node_modules/@assemblyscript/wasi-shim/asconfig.json \
  -O3 --noAssert --runtime stub \
  --initialMemory 1 \
  -o hello-as.wasm.tmp
mv hello-as.wasm.tmp hello-as.wasm
echo "built $(pwd)/hello-as.wasm ($(wc -c < hello-as.wasm) bytes)"
