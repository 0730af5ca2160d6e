#!/usr/bin/env bash
# Runs the whole test suite: installs the toolchains the tests need (idempotent) and builds the
# Kubernetes control plane binaries (scripts/control-plane.sh, cached per machine), then unit tests
# (*Test, surefire) and integration tests (*IT, failsafe: real processes, real ports).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
bash scripts/install-toolchains.sh
# The Kubernetes control plane the kube ITs run (testing's ControlPlane): built from source once
# per machine (~20 minutes cold on 2 cores, instant when cached), here so its progress shows.
bash scripts/control-plane.sh >/dev/null
# shellcheck source=find-java.sh
source scripts/find-java.sh
echo "test.sh: using JAVA_HOME=$JAVA_HOME" >&2
exec mvn -B -ntp verify "$@"
