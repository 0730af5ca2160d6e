#!/usr/bin/env bash
# Runs the whole test suite: installs the toolchains the tests need (idempotent), then unit tests
# (*Test, surefire) and integration tests (*IT, failsafe: real processes, real ports).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/install-toolchains.sh
# shellcheck source=find-java.sh
source scripts/find-java.sh
echo "test.sh: using JAVA_HOME=$JAVA_HOME" >&2
exec mvn -B -ntp verify "$@"
