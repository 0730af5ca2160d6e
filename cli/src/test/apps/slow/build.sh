#!/usr/bin/env bash
# Builds slow.wasm from slow.wat with wabt's wat2wasm (Debian package wabt).
set -euo pipefail
cd "$(dirname "$0")"
wat2wasm -o "${1:-.}/slow.wasm" slow.wat
