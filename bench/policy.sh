#!/usr/bin/env bash
# What the server's supply-chain policy costs (issue 4):
#  1. VerifyBench (JMH, warm process): every policy check on a signature + provenance bundle, and
#     the artifact plan the deployed files are matched against.
#  2. DeployPolicyBench: two in-process servers, without and with a policy, take the same deploy
#     (74 KB module + 1 MiB of files, signature and provenance attached) alternately; time to the
#     202 and to the rollout's end.
# Usage: bench/policy.sh [ROUNDS]   (default 40)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/find-java.sh
mvn -q -B -Dquickly -pl bench -am package >&2
CP="bench/target/wasmlet-bench.jar:bench/target/lib/*"
java -cp "$CP" -Dwasmlet.root="$ROOT" org.openjdk.jmh.Main 'VerifyBench' \
  -jvmArgsAppend "-Dwasmlet.root=$ROOT"
# the servers' INFO lines (one per rollout step) are left out of the report
java --enable-native-access=ALL-UNNAMED -cp "$CP" -Dwasmlet.root="$ROOT" \
  dev.wasmlet.bench.DeployPolicyBench "${1:-40}" 2>&1 | grep -v ' INFO '
