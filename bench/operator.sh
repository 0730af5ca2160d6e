#!/usr/bin/env bash
# The Kubernetes operator at scale (issue 14): a real etcd, kube-apiserver and controller-manager
# (scripts/control-plane.sh builds or reuses them), three executor processes and one operator on
# loopback. Measures WasmApp apply to first 200 against a direct admin-API deploy (same run), then
# N WasmApps over the three executors: time to all Ready, operator heap and CPU while settled,
# executor memory per app. Report: stdout and cli/target/operator-bench.md.
# Usage: bench/operator.sh [apps, default 1000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
N="${1:-1000}"
source scripts/find-java.sh >/dev/null
mvn -q -B -ntp install -DskipTests
mvn -B -ntp verify -pl cli -Dit.test=OperatorScaleBench -Dtest=none \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.apps="$N" | grep -E "Tests run:|ERROR|FAIL" || true
cat cli/target/operator-bench.md
