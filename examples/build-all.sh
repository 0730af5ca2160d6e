#!/usr/bin/env bash
# Builds every example from source (installs the toolchains first, idempotently), then checks
# the modules' shape. The built .wasm files are committed, so serving the examples needs none
# of this; run it after changing an example's source.
set -euo pipefail
cd "$(dirname "$0")"
bash ../scripts/install-toolchains.sh
bash ../scripts/component-tools.sh >/dev/null   # pinned wasm-tools + wit-bindgen for *-component
for build in */build.sh; do
  echo "== ${build%/build.sh}" >&2
  bash "$build"
done
bash ./check-imports.sh
